import DuoOTP
import Foundation
import FuzzSupport

// DuoOTP's otpauth:// parser (the text of an enrollment QR code), on arbitrary text.
// Properties:
// - a parsed URI is within the documented bounds: 6...8 digits, a TOTP period of at least 1,
//   a non-empty secret, an issuer that is nil or non-empty, an account without leading spaces;
// - rendering it (`uriString`) parses back to the same account (kind, account, issuer, secret,
//   algorithm, digits), and rendering that gives the same text;
// - `description` never shows the secret, and a refusal's texts never show the secret parameter.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOTPAuthURI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput(data, size).all, as: UTF8.self)
    do throws(OTPAuthURIError) {
        let uri = try OTPAuthURI(parsing: text)
        fuzzCheck((6...8).contains(uri.digits), "digits \(uri.digits) outside 6...8")
        if let period = uri.period { fuzzCheck(period >= 1, "a TOTP period of 0") }
        fuzzCheck((uri.period == nil) != (uri.counter == nil), "not exactly one of period and counter")
        fuzzCheck(!uri.secret.bytes.isEmpty, "an empty secret")
        fuzzCheck(uri.issuer.map { !$0.isEmpty } ?? true, "an empty issuer instead of nil")
        fuzzCheck(!uri.account.hasPrefix(" "), "the account keeps a leading space")
        let base32 = uri.secret.base32
        // (The account, label or issuer may contain the same letters; only a secret that is not
        // part of them must stay out of the description.)
        if base32.utf8.count >= 8, ![uri.account, uri.label, uri.issuer ?? ""].contains(where: { $0.contains(base32) }) {
            let shown = [uri.description, uri.debugDescription, String(reflecting: uri.secret), "\(uri.customMirror.children.map { "\($0.value)" })"]
            fuzzCheck(!shown.contains { $0.contains(base32) }, "a description shows the secret")
        }

        let rendered = uri.uriString
        let again: OTPAuthURI
        do throws(OTPAuthURIError) {
            again = try OTPAuthURI(parsing: rendered)
        } catch {
            fuzzCheck(false, "the rendered URI does not parse: \(error.reason)")
            return 0
        }
        fuzzCheck(again.kind == uri.kind, "kind changed in a round trip")
        fuzzCheck(again.account == uri.account, "account changed in a round trip")
        fuzzCheck(again.issuer == uri.issuer, "issuer changed in a round trip")
        fuzzCheck(again.secret == uri.secret, "secret changed in a round trip")
        fuzzCheck(again.algorithm == uri.algorithm, "algorithm changed in a round trip")
        fuzzCheck(again.digits == uri.digits, "digits changed in a round trip")
        fuzzCheck(again.uriString == rendered, "rendering is not stable")
    } catch {
        let texts = [error.description, error.detail, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        for secret in secretParameters(in: text) where secret.utf8.count >= 16 {
            fuzzCheck(!texts.contains { $0.contains(secret) }, "an error text shows the secret parameter")
        }
    }
    return 0
}

/// The raw values of every `secret=` in the text (the parser reads one; a refusal may come
/// from a repeated one), and their canonical Base32 spelling when they decode.
private func secretParameters(in text: String) -> [String] {
    var values: [String] = []
    var rest = Substring(text)
    while let range = rest.range(of: "secret=") {
        let tail = rest[range.upperBound...]
        let value = tail.prefix { $0 != "&" && $0 != "#" }
        values.append(String(value))
        if let bytes = try? Base32.decode(value) { values.append(Base32.encode(bytes)) }
        rest = tail
    }
    return values
}
