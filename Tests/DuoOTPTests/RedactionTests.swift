import DuoOTP
import Testing

/// Secrets never appear in descriptions, mirrors, dumps or errors.
struct RedactionTests {
    static let base32 = "ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU"   // "swift-duo-speed-1234"

    static func renderings(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped]
    }

    static func assertClean(_ value: Any) {
        for text in renderings(value) {
            #expect(!text.contains(base32), "\(text)")
            #expect(!text.contains("swift-duo-speed"), "\(text)")
            #expect(!text.contains("115, 119, 105"), "\(text)")  // the key bytes as a list
        }
    }

    @Test func valuesHoldingTheSecretAreRedacted() throws {
        let secret = try OTPSecret(base32: Self.base32)
        Self.assertClean(secret)
        Self.assertClean(try HOTPGenerator(secret: secret))
        Self.assertClean(try TOTPGenerator(secret: secret))
        Self.assertClean(try TOTPVerifier(generator: try TOTPGenerator(secret: secret)))
        Self.assertClean(try OTPAuthURI(parsing: "otpauth://totp/Acme:alice?secret=\(Self.base32)&issuer=Acme"))
        #expect(String(describing: secret).contains("20 bytes"))
    }

    @Test func errorsNeverContainTheSecret() {
        for uri in ["otpauth://totp/Acme:alice?secret=\(Self.base32)1&issuer=Acme", "otpauth://totp/Acme:alice?secret=\(Self.base32)&issuer=Other",
                    "otpauth://totp/Acme:alice?secret=\(Self.base32)&digits=9", "otpauth://totp/Acme:alice?secret=\(Self.base32)&secret=\(Self.base32)"] {
            do { _ = try OTPAuthURI(parsing: uri); Issue.record("accepted") } catch {
                for text in [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)] {
                    #expect(!text.contains(Self.base32))
                }
            }
        }
        do { _ = try OTPSecret(base32: Self.base32 + "0") } catch {
            #expect(!error.description.contains(Self.base32))
            #expect(error.recoverySuggestion?.isEmpty == false)
        }
    }
}
