/// The `otpauth://` parsing rules of the `duo otp` contract (shared/docs/cli.md, Part 3), in
/// the contract's order.
enum OTPAuthURIParser {
    /// The parameters that may appear once only.
    private static let singleParameters: Set<String> = ["secret", "issuer", "algorithm", "digits", "period", "counter"]

    static func parse(_ input: Substring) throws(OTPAuthURIError) -> OTPAuthURI {
        // 1. Scheme: the text before the first ":" must be "otpauth", case-insensitively.
        guard let colon = input.firstIndex(of: ":"), input[..<colon].lowercased() == "otpauth" else {
            throw OTPAuthURIError(.badScheme, detail: "the URI does not start with otpauth://")
        }
        var rest = input[input.index(after: colon)...]
        guard rest.hasPrefix("//") else {
            throw OTPAuthURIError(.badScheme, detail: "otpauth: must be followed by //")
        }
        rest = rest.dropFirst(2)
        // A fragment is discarded.
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }

        // 2. Type, up to the next "/" or "?".
        let typeEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let isTOTP: Bool
        switch rest[..<typeEnd].lowercased() {
        case "totp": isTOTP = true
        case "hotp": isTOTP = false
        default: throw OTPAuthURIError(.badType, detail: "the type must be totp or hotp")
        }

        // 3. Label (after the type's "/", up to "?") and query.
        var encodedLabel: Substring = ""
        var query: Substring = ""
        var afterType = rest[typeEnd...]
        if afterType.first == "/" {
            afterType = afterType.dropFirst()
            let queryStart = afterType.firstIndex(of: "?") ?? afterType.endIndex
            encodedLabel = afterType[..<queryStart]
            if queryStart != afterType.endIndex { query = afterType[afterType.index(after: queryStart)...] }
        } else if afterType.first == "?" {
            query = afterType.dropFirst()
        }

        // 4. Query parameters.
        let parameters = try parameters(of: query)
        // 5. Secret.
        guard let secretText = parameters["secret"] else {
            throw OTPAuthURIError(.missingSecret, detail: "the secret parameter is missing or empty")
        }
        let secret: OTPSecret
        do throws(Base32Error) { secret = OTPSecret(validatedBytes: try Base32.decode(secretText)) } catch {
            // Nothing but spaces and padding is a missing secret, not a malformed one.
            if error == .empty { throw OTPAuthURIError(.missingSecret, detail: "the secret parameter is empty") }
            throw OTPAuthURIError(.badBase32, detail: error.description)
        }
        // 6. Algorithm.
        var algorithm = OTPAlgorithm.sha1
        if let name = parameters["algorithm"] {
            guard let parsed = OTPAlgorithm(name: name) else {
                throw OTPAuthURIError(.badAlgorithm, detail: "the algorithm must be SHA1, SHA256 or SHA512")
            }
            algorithm = parsed
        }
        // 7. Digits.
        var digits = 6
        if let text = parameters["digits"] {
            guard let value = DecimalInteger.parse(text), (6...8).contains(value) else {
                throw OTPAuthURIError(.badDigits, detail: "digits must be 6, 7 or 8")
            }
            digits = Int(value)
        }
        // 8. Period (totp) or counter (hotp).
        let kind: OTPAuthURI.Kind
        if isTOTP {
            var period: UInt64 = 30
            if let text = parameters["period"] {
                guard let value = DecimalInteger.parse(text), value >= 1 else {
                    throw OTPAuthURIError(.badPeriod, detail: "the period must be a whole number of seconds, at least 1")
                }
                period = value
            }
            kind = .totp(period: period)
        } else {
            var counter: UInt64 = 0
            if let text = parameters["counter"] {
                guard let value = DecimalInteger.parse(text) else {
                    throw OTPAuthURIError(.badCounter, detail: "the counter must be a whole number from 0 to 2^64-1")
                }
                counter = value
            }
            kind = .hotp(counter: counter)
        }

        // 9. Label split, on the still-encoded label.
        let issuerParameter = parameters["issuer"]
        guard let label = PercentCoding.decode(encodedLabel, plusIsSpace: false) else {
            throw OTPAuthURIError(.badPercentEncoding, detail: "the label has a malformed % escape or is not UTF-8")
        }
        var prefix: String?
        var account = label
        if let literal = encodedLabel.firstIndex(of: ":") {
            (prefix, account) = try split(encodedLabel, at: literal, separatorLength: 1)
        } else if let encoded = encodedColon(in: encodedLabel) {
            let candidate = PercentCoding.decode(encodedLabel[..<encoded], plusIsSpace: false)
            if issuerParameter == nil || candidate == issuerParameter {
                (prefix, account) = try split(encodedLabel, at: encoded, separatorLength: 3)
            }
        }
        account = String(account.drop { $0 == " " })
        if prefix?.isEmpty == true { prefix = nil }

        // 10. Issuer.
        if let prefix, let issuerParameter, prefix != issuerParameter {
            throw OTPAuthURIError(.issuerMismatch, detail: "the issuer in the label differs from the issuer parameter")
        }
        return OTPAuthURI(validatedKind: kind, label: label, account: account, issuer: issuerParameter ?? prefix,
                          secret: secret, algorithm: algorithm, digits: digits)
    }

    /// Decodes the query into the single-use parameters (empty values count as absent).
    private static func parameters(of query: Substring) throws(OTPAuthURIError) -> [String: String] {
        var seen = Set<String>()
        var values: [String: String] = [:]
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: "=")
            let rawName = equals.map { piece[..<$0] } ?? piece
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? ""
            guard let name = PercentCoding.decode(rawName, plusIsSpace: true),
                  let value = PercentCoding.decode(rawValue, plusIsSpace: true) else {
                throw OTPAuthURIError(.badPercentEncoding, detail: "the query has a malformed % escape or is not UTF-8")
            }
            guard singleParameters.contains(name) else { continue }  // image, color, encoder, …
            guard seen.insert(name).inserted else {
                throw OTPAuthURIError(.duplicateParameter, detail: "the \(name) parameter appears more than once")
            }
            if !value.isEmpty { values[name] = value }
        }
        return values
    }

    /// The first `%3A` / `%3a` in the encoded label.
    private static func encodedColon(in label: Substring) -> Substring.Index? {
        var index = label.startIndex
        while index != label.endIndex {
            if label[index] == "%" {
                let rest = label[index...]
                if rest.hasPrefix("%3A") || rest.hasPrefix("%3a") { return index }
            }
            index = label.index(after: index)
        }
        return nil
    }

    private static func split(_ label: Substring, at separator: Substring.Index, separatorLength: Int) throws(OTPAuthURIError) -> (String?, String) {
        let accountStart = label.index(separator, offsetBy: separatorLength)
        guard let prefix = PercentCoding.decode(label[..<separator], plusIsSpace: false),
              let account = PercentCoding.decode(label[accountStart...], plusIsSpace: false) else {
            throw OTPAuthURIError(.badPercentEncoding, detail: "the label has a malformed % escape or is not UTF-8")
        }
        return (prefix, account)
    }
}
