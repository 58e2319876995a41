import DuoOTP
import Testing

struct OTPAuthURITests {
    static let secret = "JBSWY3DPEHPK3PXP"

    @Test func parsesAFullTOTPURI() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/Example%20Corp:alice.benchmark%40example.com?secret=ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU&issuer=Example%20Corp&algorithm=SHA1&digits=6&period=30")
        #expect(uri.kind == .totp(period: 30))
        #expect(uri.typeName == "totp")
        #expect(uri.label == "Example Corp:alice.benchmark@example.com")
        #expect(uri.account == "alice.benchmark@example.com")
        #expect(uri.issuer == "Example Corp")
        #expect(uri.secret.base32 == "ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU")
        #expect(uri.algorithm == .sha1 && uri.digits == 6 && uri.period == 30 && uri.counter == nil)
    }

    @Test func defaultsAndCaseInsensitiveSchemeAndType() throws {
        let totp = try OTPAuthURI(parsing: "OTPAUTH://TOTP/alice?secret=jbsw%20y3dp+ehpk3pxp%3D%3D")
        #expect(totp.kind == .totp(period: 30) && totp.algorithm == .sha1 && totp.digits == 6)
        #expect(totp.issuer == nil && totp.account == "alice" && totp.label == "alice")
        #expect(totp.secret.base32 == Self.secret)
        let hotp = try OTPAuthURI(parsing: "otpauth://hotp/alice?secret=\(Self.secret)&period=abc")
        #expect(hotp.kind == .hotp(counter: 0) && hotp.period == nil && hotp.counter == 0)
        let big = try OTPAuthURI(parsing: "otpauth://hotp/a?secret=\(Self.secret)&counter=18446744073709551615&digits=8&algorithm=sha512")
        #expect(big.counter == UInt64.max && big.digits == 8 && big.algorithm == .sha512)
        let withFragment = try OTPAuthURI(parsing: "otpauth://totp/a?secret=\(Self.secret)&period=60#digits=9")
        #expect(withFragment.period == 60 && withFragment.digits == 6)
        let noLabel = try OTPAuthURI(parsing: "otpauth://totp?secret=\(Self.secret)")
        #expect(noLabel.label == "" && noLabel.account == "")
    }

    struct LabelCase: Sendable, CustomTestStringConvertible {
        let uri: String
        let label: String
        let account: String
        let issuer: String?
        var testDescription: String { uri }
    }

    static let labelCases: [LabelCase] = [
        // Microsoft: %3A is data because the text before it is not the issuer parameter.
        LabelCase(uri: "otpauth://totp/CompanyName%3Auser@tenant.onmicrosoft.com?secret=\(secret)&issuer=Microsoft",
                  label: "CompanyName:user@tenant.onmicrosoft.com", account: "CompanyName:user@tenant.onmicrosoft.com", issuer: "Microsoft"),
        // Password manager: the literal colon separates; the encoded one is data.
        LabelCase(uri: "otpauth://totp/Text%3A%20More%20Text:Secret?secret=\(secret)&issuer=Text%3A%20More%20Text",
                  label: "Text: More Text:Secret", account: "Secret", issuer: "Text: More Text"),
        // The wiki grammar: %3A separates when it agrees with the issuer, or when there is none.
        LabelCase(uri: "otpauth://totp/Google%3Afoo%40example.com?secret=\(secret)&issuer=Google",
                  label: "Google:foo@example.com", account: "foo@example.com", issuer: "Google"),
        LabelCase(uri: "otpauth://totp/foo%3abar?secret=\(secret)&issuer=foo", label: "foo:bar", account: "bar", issuer: "foo"),
        LabelCase(uri: "otpauth://totp/foo%3Abar?secret=\(secret)", label: "foo:bar", account: "bar", issuer: "foo"),
        // Leading spaces of the account are dropped; + in the label is a literal plus.
        LabelCase(uri: "otpauth://totp/ACME%20Co:%20%20alice+2fa@example.com?secret=\(secret)&issuer=ACME%20Co",
                  label: "ACME Co:  alice+2fa@example.com", account: "alice+2fa@example.com", issuer: "ACME Co"),
        // The issuer parameter fills in when there is no prefix; an empty prefix is no prefix.
        LabelCase(uri: "otpauth://totp/alice?secret=\(secret)&issuer=Big+Corp", label: "alice", account: "alice", issuer: "Big Corp"),
        LabelCase(uri: "otpauth://totp/:alice?secret=\(secret)", label: ":alice", account: "alice", issuer: nil),
        LabelCase(uri: "otpauth://totp/Acme:alice?secret=\(secret)&issuer=", label: "Acme:alice", account: "alice", issuer: "Acme"),
        // Only the first literal colon splits; labels may contain "/".
        LabelCase(uri: "otpauth://totp/A:b:c/d?secret=\(secret)", label: "A:b:c/d", account: "b:c/d", issuer: "A"),
        LabelCase(uri: "otpauth://totp/%C3%9Cber:j%C3%BCrgen?secret=\(secret)&issuer=%C3%9Cber", label: "Über:jürgen", account: "jürgen", issuer: "Über"),
    ]

    @Test(arguments: labelCases)
    func labelSplit(item: LabelCase) throws {
        let uri = try OTPAuthURI(parsing: item.uri)
        #expect(uri.label == item.label)
        #expect(uri.account == item.account)
        #expect(uri.issuer == item.issuer)
    }

    @Test func unknownAndRepeatedUnknownParametersAreIgnored() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/a?secret=\(Self.secret)&image=https%3A%2F%2Fx&image=y&encoder=steam&color=red&&lock=true&Secret=zzz")
        #expect(uri.secret.base32 == Self.secret)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let uri: String
        let reason: OTPAuthURIError.Reason
        var testDescription: String { "\(reason): \(uri)" }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(uri: "http://totp/a?secret=\(secret)", reason: .badScheme),
        InvalidCase(uri: "totp/a?secret=\(secret)", reason: .badScheme),
        InvalidCase(uri: "", reason: .badScheme),
        InvalidCase(uri: "otpauth:totp/a?secret=\(secret)", reason: .badScheme),
        InvalidCase(uri: "otpauth://motp/a?secret=\(secret)", reason: .badType),
        InvalidCase(uri: "otpauth://steam/a?secret=\(secret)", reason: .badType),
        InvalidCase(uri: "otpauth:///a?secret=\(secret)", reason: .badType),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&issuer=%ZZ", reason: .badPercentEncoding),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&issuer=%C3", reason: .badPercentEncoding),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&image=%", reason: .badPercentEncoding),
        InvalidCase(uri: "otpauth://totp/a%2?secret=\(secret)", reason: .badPercentEncoding),
        InvalidCase(uri: "otpauth://totp/%FF:a?secret=\(secret)", reason: .badPercentEncoding),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&secret=\(secret)", reason: .duplicateParameter),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=6&digits=6", reason: .duplicateParameter),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&issuer=A&issuer=A", reason: .duplicateParameter),
        InvalidCase(uri: "otpauth://hotp/a?secret=\(secret)&counter=1&counter=1", reason: .duplicateParameter),
        InvalidCase(uri: "otpauth://totp/a?issuer=A", reason: .missingSecret),
        InvalidCase(uri: "otpauth://totp/a?secret=", reason: .missingSecret),
        InvalidCase(uri: "otpauth://totp/a?secret=%20%3D%3D", reason: .missingSecret),
        InvalidCase(uri: "otpauth://totp/a?secret=JBSWY3DPEHPK3PX1", reason: .badBase32),
        InvalidCase(uri: "otpauth://totp/a?secret=AAA", reason: .badBase32),
        InvalidCase(uri: "otpauth://totp/a?secret=JBSW-Y3DP", reason: .badBase32),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&algorithm=SHA-256", reason: .badAlgorithm),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&algorithm=MD5", reason: .badAlgorithm),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&algorithm=SHA3-256", reason: .badAlgorithm),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=5", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=9", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=10", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=0", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=-6", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=six", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&digits=6.0", reason: .badDigits),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&period=0", reason: .badPeriod),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&period=-30", reason: .badPeriod),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&period=30.5", reason: .badPeriod),
        InvalidCase(uri: "otpauth://totp/a?secret=\(secret)&period=99999999999999999999", reason: .badPeriod),
        InvalidCase(uri: "otpauth://hotp/a?secret=\(secret)&counter=-1", reason: .badCounter),
        InvalidCase(uri: "otpauth://hotp/a?secret=\(secret)&counter=abc", reason: .badCounter),
        InvalidCase(uri: "otpauth://hotp/a?secret=\(secret)&counter=18446744073709551616", reason: .badCounter),
        InvalidCase(uri: "otpauth://totp/Acme:alice?secret=\(secret)&issuer=Other", reason: .issuerMismatch),
        InvalidCase(uri: "otpauth://totp/acme:alice?secret=\(secret)&issuer=Acme", reason: .issuerMismatch),
    ]

    @Test(arguments: invalidCases)
    func invalidURIsNameTheirReason(item: InvalidCase) {
        do {
            let parsed = try OTPAuthURI(parsing: item.uri)
            Issue.record("accepted: \(parsed)")
        } catch {
            #expect(error.reason == item.reason)
            #expect(!error.description.contains(Self.secret))
            #expect(error.description.contains(item.reason.rawValue))
        }
    }

    @Test func everyReasonIsCovered() {
        #expect(Set(Self.invalidCases.map(\.reason)) == Set(OTPAuthURIError.Reason.allCases))
    }

    @Test func formatsWithIssuerInBothPlacesAndRoundTrips() throws {
        let secret = try OTPSecret(base32: "jbsw y3dp ehpk 3pxp==")
        let uri = try OTPAuthURI(account: "alice+2fa@example.com", issuer: "ACME Co: Dev/Test", secret: secret)
        #expect(uri.uriString == "otpauth://totp/ACME%20Co%3A%20Dev%2FTest:alice%2B2fa%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co%3A%20Dev%2FTest")
        let parsed = try OTPAuthURI(parsing: uri.uriString)
        #expect(parsed == uri)
        #expect(parsed.uriString == uri.uriString)
    }

    @Test func roundTripsEveryShape() throws {
        let secret = try OTPSecret(bytes: Array(0..<20))
        let shapes: [OTPAuthURI] = [
            try OTPAuthURI(kind: .hotp(counter: UInt64.max), account: "bob", issuer: nil, secret: secret, algorithm: .sha256, digits: 8),
            try OTPAuthURI(kind: .totp(period: 60), account: "a:b", issuer: nil, secret: secret, algorithm: .sha512, digits: 7),
            try OTPAuthURI(kind: .totp(period: 30), account: "x:y", issuer: "p:q", secret: secret),
            try OTPAuthURI(account: "jürgen & co = ?#%", issuer: "Ünïcode", secret: secret),
        ]
        for shape in shapes {
            let parsed = try OTPAuthURI(parsing: shape.uriString)
            #expect(parsed.kind == shape.kind && parsed.account == shape.account && parsed.issuer == shape.issuer)
            #expect(parsed.secret == shape.secret && parsed.algorithm == shape.algorithm && parsed.digits == shape.digits)
            #expect(try OTPAuthURI(parsing: parsed.uriString).uriString == parsed.uriString)
        }
        #expect(shapes[0].uriString.contains("counter=18446744073709551615"))
        #expect(!shapes[3].uriString.contains("period=") && !shapes[3].uriString.contains("digits=") && !shapes[3].uriString.contains("algorithm="))
    }

    @Test func constructorValidates() throws {
        let secret = try OTPSecret(bytes: [1])
        #expect(throws: OTPError.invalidDigits(9)) { try OTPAuthURI(account: "a", secret: secret, digits: 9) }
        #expect(throws: OTPError.invalidPeriod) { try OTPAuthURI(kind: .totp(period: 0), account: "a", secret: secret) }
        let hotp = try OTPAuthURI(kind: .hotp(counter: 3), account: "a", secret: secret)
        #expect(throws: OTPError.invalidPeriod) { try hotp.totpGenerator() }
        #expect(try hotp.hotpGenerator().digits == 6)
    }
}
