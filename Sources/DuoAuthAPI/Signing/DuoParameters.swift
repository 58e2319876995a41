public import DuoCore

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
        // Every name and value is encoded once into one shared buffer, the pairs are sorted as
        // ranges of it, and the result is assembled in a second buffer sized exactly: no
        // `String` per encoded name or value, no sorted copies of strings.
        var encoded: [UInt8] = []
        // Every byte encodes to at most three: one allocation, no separate pass to count.
        encoded.reserveCapacity(pairs.reduce(0) { $0 + 3 * ($1.name.utf8.count + $1.value.utf8.count) })
        var ranges: [(name: Range<Int>, value: Range<Int>)] = []
        ranges.reserveCapacity(pairs.count)
        for pair in pairs {
            let nameStart = encoded.count
            DuoPercentEncoding.append(encoding: pair.name, to: &encoded)
            let valueStart = encoded.count
            DuoPercentEncoding.append(encoding: pair.value, to: &encoded)
            ranges.append((nameStart..<valueStart, valueStart..<encoded.count))
        }
        var canonical: [UInt8] = []
        canonical.reserveCapacity(encoded.count + 2 * ranges.count)
        // Compared and copied through one buffer pointer: an `ArraySlice` of `encoded` per
        // comparison retained and released the array four times per comparison.
        encoded.withUnsafeBufferPointer { encoded in
            // Plain byte order of the encoded text (all ASCII after encoding), name first, then value.
            ranges.sort { lhs, rhs in
                let lhsName = UnsafeBufferPointer(rebasing: encoded[lhs.name]), rhsName = UnsafeBufferPointer(rebasing: encoded[rhs.name])
                if !lhsName.elementsEqual(rhsName) { return lhsName.lexicographicallyPrecedes(rhsName) }
                return UnsafeBufferPointer(rebasing: encoded[lhs.value]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: encoded[rhs.value]))
            }
            for (index, range) in ranges.enumerated() {
                if index > 0 { canonical.append(UInt8(ascii: "&")) }
                canonical.append(contentsOf: UnsafeBufferPointer(rebasing: encoded[range.name]))
                canonical.append(UInt8(ascii: "="))
                canonical.append(contentsOf: UnsafeBufferPointer(rebasing: encoded[range.value]))
            }
        }
        return String(decoding: canonical, as: UTF8.self)
    }
}

/// Duo's percent-encoding of signed parameters: DuoCore's `PercentEncoding` (only RFC 3986
/// unreserved ASCII passes; every other UTF-8 byte becomes `%XX`, upper-case; space is `%20`).
public typealias DuoPercentEncoding = PercentEncoding
