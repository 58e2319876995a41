/// The `otpauth://` parsing rules of the `duo otp` contract (shared/docs/cli.md, Part 3), in
/// the contract's order. It works on UTF-8 bytes: every delimiter is ASCII, and byte slices
/// avoid the cost of grapheme-cluster iteration on a URI that is parsed at every login.
enum OTPAuthURIParser {
    /// The parameters that may appear once only, in a fixed order (their index in `Query`).
    private enum Parameter: Int, CaseIterable {
        case secret, issuer, algorithm, digits, period, counter

        init?(name: ArraySlice<UInt8>) {
            switch name.count {
            case 6 where ASCII.equals(name, "secret"): self = .secret
            case 6 where ASCII.equals(name, "issuer"): self = .issuer
            case 9 where ASCII.equals(name, "algorithm"): self = .algorithm
            case 6 where ASCII.equals(name, "digits"): self = .digits
            case 6 where ASCII.equals(name, "period"): self = .period
            case 7 where ASCII.equals(name, "counter"): self = .counter
            default: return nil
            }
        }
    }

    static func parse(_ input: Substring) throws(OTPAuthURIError) -> OTPAuthURI {
        // Copied from the contiguous UTF-8 in one go where there is one (an element-by-element
        // copy of a `Substring.UTF8View` costs more than the whole parse).
        let bytes = input.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(input.utf8)
        let all = bytes[...]
        // 1. Scheme: the text before the first ":" must be "otpauth", case-insensitively.
        guard let colon = all.firstIndex(of: UInt8(ascii: ":")), ASCII.equalsIgnoringCase(all[..<colon], "otpauth") else {
            throw OTPAuthURIError(.badScheme, detail: "the URI does not start with otpauth://")
        }
        var rest = all[(colon + 1)...]
        guard rest.count >= 2, rest[rest.startIndex] == UInt8(ascii: "/"), rest[rest.startIndex + 1] == UInt8(ascii: "/") else {
            throw OTPAuthURIError(.badScheme, detail: "otpauth: must be followed by //")
        }
        rest = rest.dropFirst(2)
        // A fragment is discarded.
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }

        // 2. Type, up to the next "/" or "?".
        let typeEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        let isTOTP: Bool
        if ASCII.equalsIgnoringCase(rest[..<typeEnd], "totp") {
            isTOTP = true
        } else if ASCII.equalsIgnoringCase(rest[..<typeEnd], "hotp") {
            isTOTP = false
        } else {
            throw OTPAuthURIError(.badType, detail: "the type must be totp or hotp")
        }

        // 3. Label (after the type's "/", up to "?") and query.
        var encodedLabel = rest[typeEnd..<typeEnd]
        var query = rest[rest.endIndex...]
        if typeEnd < rest.endIndex {
            let afterType = rest[(typeEnd + 1)...]
            if rest[typeEnd] == UInt8(ascii: "/") {
                let queryStart = afterType.firstIndex(of: UInt8(ascii: "?")) ?? afterType.endIndex
                encodedLabel = afterType[..<queryStart]
                if queryStart < afterType.endIndex { query = afterType[(queryStart + 1)...] }
            } else {
                query = afterType
            }
        }

        // 4. Query parameters.
        let parameters = try parameters(of: query)
        // 5. Secret.
        guard let secretText = parameters[.secret] else {
            throw OTPAuthURIError(.missingSecret, detail: "the secret parameter is missing or empty")
        }
        let secret: OTPSecret
        do throws(Base32Error) {
            secret = OTPSecret(validatedBytes: try Base32.decode(bytes: secretText))
        } catch {
            // Nothing but spaces and padding is a missing secret, not a malformed one.
            if error == .empty { throw OTPAuthURIError(.missingSecret, detail: "the secret parameter is empty") }
            throw OTPAuthURIError(.badBase32, detail: error.description)
        }
        // 6. Algorithm.
        var algorithm = OTPAlgorithm.sha1
        if let name = parameters[.algorithm] {
            if ASCII.equalsIgnoringCase(name, "sha1") {
                algorithm = .sha1
            } else if ASCII.equalsIgnoringCase(name, "sha256") {
                algorithm = .sha256
            } else if ASCII.equalsIgnoringCase(name, "sha512") {
                algorithm = .sha512
            } else {
                throw OTPAuthURIError(.badAlgorithm, detail: "the algorithm must be SHA1, SHA256 or SHA512")
            }
        }
        // 7. Digits.
        var digits = 6
        if let text = parameters[.digits] {
            guard let value = DecimalInteger.parse(text), (6...8).contains(value) else {
                throw OTPAuthURIError(.badDigits, detail: "digits must be 6, 7 or 8")
            }
            digits = Int(value)
        }
        // 8. Period (totp) or counter (hotp).
        let kind: OTPAuthURI.Kind
        if isTOTP {
            var period: UInt64 = 30
            if let text = parameters[.period] {
                guard let value = DecimalInteger.parse(text), value >= 1 else {
                    throw OTPAuthURIError(.badPeriod, detail: "the period must be a whole number of seconds, at least 1")
                }
                period = value
            }
            kind = .totp(period: period)
        } else {
            var counter: UInt64 = 0
            if let text = parameters[.counter] {
                guard let value = DecimalInteger.parse(text) else {
                    throw OTPAuthURIError(.badCounter, detail: "the counter must be a whole number from 0 to 2^64-1")
                }
                counter = value
            }
            kind = .hotp(counter: counter)
        }

        // 9. Label split, on the still-encoded label. The label is decoded once; the prefix
        // and the account are cut from the decoded bytes at the split's decoded position. That
        // gives the same bytes as decoding each part on its own: in a label that decodes, every
        // "%" starts a complete escape (hex digits are never ":" or "%"), so no escape straddles
        // the split, and cutting valid UTF-8 at an ASCII byte leaves both parts valid.
        let issuerParameter = parameters[.issuer]
        guard let decodedLabel = PercentCoding.decode(encodedLabel, plusIsSpace: false) else {
            throw OTPAuthURIError(.badPercentEncoding, detail: "the label has a malformed % escape or is not UTF-8")
        }
        let label = String(decoding: decodedLabel, as: UTF8.self)
        var decodedPrefix: ArraySlice<UInt8>?
        var decodedAccount = decodedLabel
        let split: (encoded: Int, width: Int)?
        if let literal = encodedLabel.firstIndex(of: UInt8(ascii: ":")) {
            split = (literal, 1)
        } else if let encoded = encodedColon(in: encodedLabel) {
            split = (encoded, 3)
        } else {
            split = nil
        }
        if let split {
            let colon = decodedLabel.startIndex + PercentCoding.decodedCount(of: encodedLabel[..<split.encoded])
            let candidate = decodedLabel[..<colon]
            // A literal ":" always splits; an encoded one only when it agrees with the issuer.
            if split.width == 1 || issuerParameter == nil || candidate.elementsEqual(issuerParameter ?? []) {
                // An empty prefix counts as no prefix.
                if !candidate.isEmpty { decodedPrefix = candidate }
                decodedAccount = decodedLabel[(colon + 1)...]
            }
        }
        let accountText = String(decoding: decodedAccount.drop { $0 == UInt8(ascii: " ") }, as: UTF8.self)

        // 10. Issuer.
        if let decodedPrefix, let issuerParameter, !decodedPrefix.elementsEqual(issuerParameter) {
            throw OTPAuthURIError(.issuerMismatch, detail: "the issuer in the label differs from the issuer parameter")
        }
        let issuer = (issuerParameter ?? decodedPrefix).map { String(decoding: $0, as: UTF8.self) }
        return OTPAuthURI(validatedKind: kind, label: label, account: accountText, issuer: issuer,
                          secret: secret, algorithm: algorithm, digits: digits)
    }

    /// The single-use parameters' values (percent-decoded), in six fixed fields rather than
    /// arrays: the query is parsed at every login, and this keeps it free of allocations.
    private struct Values {
        private var secret, issuer, algorithm, digits, period, counter: ArraySlice<UInt8>?
        /// Which parameters appeared, even with an empty value (bit `rawValue`).
        private var seen: UInt8 = 0

        subscript(parameter: Parameter) -> ArraySlice<UInt8>? {
            get {
                switch parameter {
                case .secret: return secret
                case .issuer: return issuer
                case .algorithm: return algorithm
                case .digits: return digits
                case .period: return period
                case .counter: return counter
                }
            }
            set {
                switch parameter {
                case .secret: secret = newValue
                case .issuer: issuer = newValue
                case .algorithm: algorithm = newValue
                case .digits: digits = newValue
                case .period: period = newValue
                case .counter: counter = newValue
                }
            }
        }

        /// Records that a parameter appeared; `false` when it had already.
        mutating func markSeen(_ parameter: Parameter) -> Bool {
            let bit: UInt8 = 1 << UInt8(parameter.rawValue)
            guard seen & bit == 0 else { return false }
            seen |= bit
            return true
        }
    }

    /// Decodes the query into the single-use parameters (empty values count as absent; unknown
    /// names are ignored, repeated or not, but must still decode). One pass over the `&` pieces,
    /// empty pieces skipped.
    private static func parameters(of query: ArraySlice<UInt8>) throws(OTPAuthURIError) -> Values {
        var values = Values()
        var start = query.startIndex
        while start < query.endIndex {
            let end = query[start...].firstIndex(of: UInt8(ascii: "&")) ?? query.endIndex
            let piece = query[start..<end]
            start = end + 1
            if piece.isEmpty { continue }
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { piece[..<$0] } ?? piece
            let rawValue = equals.map { piece[($0 + 1)...] } ?? piece[piece.endIndex...]
            guard let name = PercentCoding.decode(rawName, plusIsSpace: true),
                  let value = PercentCoding.decode(rawValue, plusIsSpace: true) else {
                throw OTPAuthURIError(.badPercentEncoding, detail: "the query has a malformed % escape or is not UTF-8")
            }
            guard let parameter = Parameter(name: name) else { continue }  // image, color, encoder, …
            guard values.markSeen(parameter) else {
                throw OTPAuthURIError(.duplicateParameter, detail: "the \(parameter) parameter appears more than once")
            }
            if !value.isEmpty { values[parameter] = value }
        }
        return values
    }

    /// The first `%3A` / `%3a` in the encoded label.
    private static func encodedColon(in label: ArraySlice<UInt8>) -> Int? {
        var index = label.startIndex
        while index + 2 < label.endIndex {
            if label[index] == UInt8(ascii: "%") && label[index + 1] == UInt8(ascii: "3")
                && (label[index + 2] == UInt8(ascii: "A") || label[index + 2] == UInt8(ascii: "a")) {
                return index
            }
            index += 1
        }
        return nil
    }
}
