import ArgumentParser
import DuoOTP

/// `duo otp parse URI`: prints the account an `otpauth://` URI describes as one JSON object.
struct OTPParseCommand: OTPOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse an otpauth:// URI and print it as JSON (the secret in canonical Base32).")

    @Argument(help: "The otpauth:// URI.")
    var uri: String

    func output() throws(OTPCommandFailure) -> String {
        let account: OTPAuthURI
        do { account = try OTPAuthURI(parsing: uri) } catch { throw OTPCommandFailure(message: error.description) }
        let fields: [(String, String)] = [
            ("type", JSONText.string(account.typeName)),
            ("label", JSONText.string(account.label)),
            ("account", JSONText.string(account.account)),
            ("issuer", account.issuer.map(JSONText.string) ?? "null"),
            ("secret", JSONText.string(account.secret.base32)),
            ("algorithm", JSONText.string(account.algorithm.rawValue)),
            ("digits", String(account.digits)),
            ("period", account.period.map { String($0) } ?? "null"),
            ("counter", account.counter.map { String($0) } ?? "null"),
        ]
        return "{" + fields.map { "\(JSONText.string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// Minimal JSON text writing with exact integers (a UInt64 counter must not become a Double).
enum JSONText {
    static func string(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
