import DuoOTP
import Testing

/// The label is decoded once and split at the decoded position of the encoded split: cases
/// where escapes before the split shift that position.
struct OTPAuthURILabelSplitTests {
    static let secret = "JBSWY3DPEHPK3PXP"

    @Test func literalColonAfterAnEncodedOne() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/a%3Ab:c?secret=\(Self.secret)")
        #expect(uri.label == "a:b:c" && uri.issuer == "a:b" && uri.account == "c")
    }

    @Test func multiByteEscapesBeforeTheSplit() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/%C3%A9t%C3%A9%3A%20bob?secret=\(Self.secret)&issuer=%C3%A9t%C3%A9")
        #expect(uri.label == "été: bob" && uri.issuer == "été" && uri.account == "bob")
    }

    @Test func encodedColonThatDisagreesWithTheIssuerStaysInTheAccount() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/%C3%A9%3Abob?secret=\(Self.secret)&issuer=Other")
        #expect(uri.label == "é:bob" && uri.issuer == "Other" && uri.account == "é:bob")
    }

    @Test func emptyPrefixIsNoPrefix() throws {
        let uri = try OTPAuthURI(parsing: "otpauth://totp/:al%3Aice?secret=\(Self.secret)")
        #expect(uri.label == ":al:ice" && uri.issuer == nil && uri.account == "al:ice")
    }

    @Test func invalidUTF8InEitherPartIsRejected() {
        for label in ["%C3:bob", "bob:%C3", "%FF%3Abob", "a%3A%C3"] {
            #expect(throws: OTPAuthURIError.self) { try OTPAuthURI(parsing: "otpauth://totp/\(label)?secret=\(Self.secret)") }
        }
    }
}
