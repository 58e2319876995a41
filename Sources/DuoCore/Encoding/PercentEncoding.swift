/// RFC 3986 percent-encoding as Duo uses it everywhere: query strings and form bodies of the
/// Universal Prompt, the Auth API's signed canonical parameters, and otpauth:// labels.
///
/// Only unreserved ASCII (`A-Z a-z 0-9 - . _ ~`) passes; every other UTF-8 byte becomes `%XX`
/// with upper-case hex (a space is `%20`, never `+`). Built from explicit ASCII ranges on
/// purpose: Foundation's `CharacterSet.alphanumerics` also admits non-ASCII letters, which would
/// leave them unescaped and break Duo's signatures.
public enum PercentEncoding {
    /// Whether a byte is sent as it is.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Percent-encodes text (as UTF-8).
    ///
    /// - Parameter text: Any text.
    /// - Returns: ASCII text; `text` itself when nothing needs escaping (tokens and most
    ///   identifiers).
    public static func encode(_ text: String) -> String {
        if text.utf8.allSatisfy(isUnreserved) { return text }
        return String(decoding: encodedBytes(text), as: UTF8.self)
    }

    /// The percent-encoding of text (as UTF-8) as bytes: the one encoding loop, for callers that
    /// assemble a larger text (Duo's canonical parameter string).
    package static func encodedBytes(_ text: String) -> [UInt8] {
        // Text that needs no escape (most names and values) is copied in one go.
        if text.utf8.allSatisfy(isUnreserved) { return Array(text.utf8) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(Hex.upperDigit(byte >> 4))
                output.append(Hex.upperDigit(byte & 0x0F))
            }
        }
        return output
    }

    /// `name=value&...` in the given order, each name and value encoded.
    public static func encodePairs(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// Decodes `%XX` escapes (either case of hex), and `+` as a space when `plusIsSpace`.
    ///
    /// - Returns: The decoded bytes, or `nil` for a malformed escape or bytes that are not valid
    ///   UTF-8.
    package static func decodeBytes(_ text: ArraySlice<UInt8>, plusIsSpace: Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index + 1 < text.endIndex, let high = Hex.digitValue(text[index]), let low = Hex.digitValue(text[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        return bytes
    }

    /// Decodes `%XX` escapes, and `+` as a space when `plusIsSpace` (form bodies).
    ///
    /// - Returns: The text, or `nil` for a malformed escape or bytes that are not valid UTF-8.
    public static func decode(_ text: some StringProtocol, plusIsSpace: Bool = true) -> String? {
        decodeBytes(Array(text.utf8)[...], plusIsSpace: plusIsSpace).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes a query string or form body (`name=value&...`, `+` meaning space) into pairs, in
    /// order; a name without `=` has an empty value.
    ///
    /// - Returns: The pairs, or `nil` when any escape is malformed or not UTF-8.
    public static func decodePairs(_ text: some StringProtocol) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }
}
