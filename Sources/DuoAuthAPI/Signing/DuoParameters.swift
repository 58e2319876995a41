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
    ///
    /// Each name and value is percent-encoded, the pairs are sorted by the bytes of the encoded
    /// name and then of the encoded value, and joined with `&`.
    public var canonicalString: String {
        let names = pairs.map { PercentEncoding.encodedBytes($0.name) }
        let values = pairs.map { PercentEncoding.encodedBytes($0.value) }
        let order = pairs.indices.sorted { lhs, rhs in
            names[lhs] == names[rhs] ? values[lhs].lexicographicallyPrecedes(values[rhs]) : names[lhs].lexicographicallyPrecedes(names[rhs])
        }
        var output: [UInt8] = []
        output.reserveCapacity(names.reduce(0) { $0 + $1.count } + values.reduce(0) { $0 + $1.count } + 2 * pairs.count)
        for (position, index) in order.enumerated() {
            if position > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: names[index])
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: values[index])
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Duo's percent-encoding of signed parameters: DuoCore's `PercentEncoding` (only RFC 3986
/// unreserved ASCII passes; every other UTF-8 byte becomes `%XX`, upper-case; space is `%20`).
public typealias DuoPercentEncoding = PercentEncoding
