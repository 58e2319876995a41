/// Request parameters in the order the caller gave them, with repeated names allowed.
///
/// Duo signs parameters in a canonical form (``canonicalString``): each name and value
/// percent-encoded on its own, pairs sorted by the *encoded* name and then by encoded value, and
/// joined with `&`. The same string is what this SDK sends as a query string or form body.
public struct DuoParameters: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// One `name=value` pair.
    public struct Pair: Sendable, Hashable {
        /// The parameter name.
        public var name: String
        /// The value.
        public var value: String
    }

    /// The pairs, in the order added.
    public private(set) var pairs: [Pair]

    /// Creates parameters from pairs, in order.
    public init(_ pairs: [(String, String)] = []) {
        self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) }
    }

    /// Creates parameters from a literal such as `["username": "alice"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Appends a pair (a repeated name keeps every value, as Duo's Python client does).
    public mutating func append(_ name: String, _ value: String) {
        pairs.append(Pair(name: name, value: value))
    }

    /// Appends a pair when the value is not `nil`.
    public mutating func append(_ name: String, _ value: String?) {
        if let value { append(name, value) }
    }

    /// Whether there are no pairs.
    public var isEmpty: Bool { pairs.isEmpty }

    /// The first value of a name.
    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Iterates over the pairs in order.
    public func makeIterator() -> IndexingIterator<[Pair]> { pairs.makeIterator() }

    /// The canonical parameter string, line 5 of a canonical request: `%C3%A9=x&a%20b=c%20d&foo=1`.
    public var canonicalString: String {
        let encoded = pairs.map { (DuoPercentEncoding.encode($0.name), DuoPercentEncoding.encode($0.value)) }
        // Plain byte order of the encoded text (all ASCII after encoding), name first, then value.
        let sorted = encoded.sorted { lhs, rhs in
            if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
            return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
        }
        return sorted.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }
}

/// Duo's percent-encoding: only RFC 3986 unreserved ASCII (`A-Z a-z 0-9 - . _ ~`) passes; every
/// other UTF-8 byte becomes `%XX` with upper-case hex (space is `%20`, never `+`).
///
/// Built from explicit ASCII ranges on purpose: Foundation's `CharacterSet.alphanumerics` also
/// admits non-ASCII letters, which would leave them unescaped and break the signature.
public enum DuoPercentEncoding {
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Whether a byte is sent as it is.
    @inlinable
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

    /// Percent-encodes text the way Duo signs it.
    ///
    /// - Parameter text: Any text (encoded as UTF-8 first).
    /// - Returns: ASCII text.
    public static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `%XX` escapes, and `+` as a space when `plusIsSpace` (form bodies); `nil` on a
    /// malformed escape or invalid UTF-8.
    public static func decode(_ text: some StringProtocol, plusIsSpace: Bool = true) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Decodes a query string or form body into pairs, in order; `nil` when malformed.
    public static func decodePairs(_ text: some StringProtocol) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
