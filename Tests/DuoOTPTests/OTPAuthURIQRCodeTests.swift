import DuoOTP
import DuoQR
import Testing

/// `OTPAuthURI.qrCode(level:)`: the code of the URI, made on request, never shown in text.
struct OTPAuthURIQRCodeTests {
    @Test func encodesTheURIString() throws {
        let account = try OTPAuthURI(account: "alice@example.com", issuer: "Example Corp", secret: try OTPSecret(base32: "JBSWY3DPEHPK3PXP"))
        for level in QRErrorCorrection.allCases {
            let code = try account.qrCode(level: level)
            #expect(code == (try QRCode(encoding: account.uriString, level: level)))
            #expect(code.level == level)
        }
        #expect(try account.qrCode().level == .medium)
    }

    @Test func neitherTheCodeNorTheAccountShowTheSecret() throws {
        let account = try OTPAuthURI(account: "bob", issuer: "Example", secret: try OTPSecret(base32: "JBSWY3DPEHPK3PXP"))
        let code = try account.qrCode()
        var dumped = ""
        dump(code, to: &dumped)
        for text in [dumped, String(describing: code), String(reflecting: code), String(describing: account)] {
            #expect(!text.contains("JBSWY3DPEHPK3PXP"))
            #expect(!text.contains("otpauth"))
        }
    }

    @Test func anAccountNameTooLongForAnyCodeIsATypedError() throws {
        let account = try OTPAuthURI(account: String(repeating: "a", count: 3_000), secret: try OTPSecret(base32: "JBSWY3DPEHPK3PXP"))
        let error = #expect(throws: QRCodeError.self) { try account.qrCode(level: .low) }
        #expect(error?.reason == .payloadTooLong)
    }
}
