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
        // Every name and value is encoded once into one temporary buffer (on the stack when it
        // is small), the pairs are sorted as ranges of it, and the result is assembled in the
        // same buffer and made a `String` once: no `String` per encoded name or value, no
        // sorted copies of strings, no growing arrays.
        var inputBytes = 0
        for pair in pairs { inputBytes += pair.name.utf8.count + pair.value.utf8.count }
        // Every byte encodes to at most three; the joined text adds one `=` and one `&` per pair.
        let encodedCapacity = 3 * inputBytes
        let capacity = 2 * encodedCapacity + 2 * pairs.count
        return withUnsafeTemporaryAllocation(of: EncodedPair.self, capacity: pairs.count) { ranges in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                guard let base = buffer.baseAddress, let rangeBase = ranges.baseAddress else { return "" }
                var encoded = 0
                for (index, pair) in pairs.enumerated() {
                    let nameStart = encoded
                    encoded += DuoPercentEncoding.write(encoding: pair.name, to: base + encoded)
                    let valueStart = encoded
                    encoded += DuoPercentEncoding.write(encoding: pair.value, to: base + encoded)
                    (rangeBase + index).initialize(to: EncodedPair(nameStart: nameStart, valueStart: valueStart, end: encoded))
                }
                // Plain byte order of the encoded text (all ASCII after encoding), name first,
                // then value.
                var sorted = UnsafeMutableBufferPointer(start: rangeBase, count: pairs.count)
                sorted.sort { lhs, rhs in
                    let order = ByteRunOrder.compare(base + lhs.nameStart, lhs.valueStart - lhs.nameStart, base + rhs.nameStart, rhs.valueStart - rhs.nameStart)
                    if order != 0 { return order < 0 }
                    return ByteRunOrder.compare(base + lhs.valueStart, lhs.end - lhs.valueStart, base + rhs.valueStart, rhs.end - rhs.valueStart) < 0
                }
                // The joined text goes after the encoded bytes (`capacity` has room for both).
                let output = base + encodedCapacity
                var written = 0
                for (index, range) in sorted.enumerated() {
                    if index > 0 {
                        output[written] = UInt8(ascii: "&")
                        written += 1
                    }
                    (output + written).update(from: base + range.nameStart, count: range.valueStart - range.nameStart)
                    written += range.valueStart - range.nameStart
                    output[written] = UInt8(ascii: "=")
                    written += 1
                    (output + written).update(from: base + range.valueStart, count: range.end - range.valueStart)
                    written += range.end - range.valueStart
                }
                return String(decoding: UnsafeBufferPointer(start: output, count: written), as: UTF8.self)
            }
        }
    }

    /// A pair's encoded name and value as offsets into the encoding buffer.
    private struct EncodedPair {
        var nameStart: Int
        var valueStart: Int
        var end: Int
    }
}

/// Duo's percent-encoding of signed parameters: DuoCore's `PercentEncoding` (only RFC 3986
/// unreserved ASCII passes; every other UTF-8 byte becomes `%XX`, upper-case; space is `%20`).
public typealias DuoPercentEncoding = PercentEncoding
