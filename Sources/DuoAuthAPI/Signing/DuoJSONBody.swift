/// The JSON body of a v5 POST: keys sorted, compact, non-ASCII escaped as `\uXXXX`, byte-equal to
/// what Duo's Python client sends (`json.dumps(params, sort_keys=True, separators=(",", ":"))`).
///
/// Any deterministic encoding would be accepted (the signature covers the exact bytes), but
/// matching Duo's client makes every body cross-checkable against its fixtures. A name with one
/// value becomes a string; a repeated name becomes an array of its values in order.
public enum DuoJSONBody {
    /// Encodes parameters as the v5 body.
    ///
    /// - Parameter parameters: The request parameters.
    /// - Returns: UTF-8 (in fact ASCII) JSON bytes; `{}` when there are none.
    public static func encode(_ parameters: DuoParameters) -> [UInt8] {
        if let body = encodePlainUniqueNames(parameters.pairs) { return body }
        if let body = encodeUniqueNames(parameters.pairs) { return body }
        var grouped: [String: [String]] = [:]
        var order: [String] = []
        for pair in parameters {
            if grouped[pair.name] == nil { order.append(pair.name) }
            grouped[pair.name, default: []].append(pair.value)
        }
        // Python sorts keys by code point; comparing UTF-16 matches it for BMP text, and
        // unicode scalars match it everywhere.
        let keys = order.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in keys.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            let values = grouped[key] ?? []
            if values.count == 1 {
                appendString(values[0], to: &output)
            } else {
                output.append(UInt8(ascii: "["))
                for (valueIndex, value) in values.enumerated() {
                    if valueIndex > 0 { output.append(UInt8(ascii: ",")) }
                    appendString(value, to: &output)
                }
                output.append(UInt8(ascii: "]"))
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// The commonest case: a handful of distinct names, and every name and value printable
    /// ASCII without `"` or `\`, so each goes out as it is and the body's size is known before
    /// writing. The names are copied once into a temporary buffer and sorted there as offsets,
    /// and the body is written once into an array of exactly its size: one allocation in all.
    /// Returns `nil` otherwise, for the paths below. Same bytes as the general path.
    private static func encodePlainUniqueNames(_ pairs: [DuoParameters.Pair]) -> [UInt8]? {
        guard pairs.count <= 16 else { return nil }
        // Braces, commas, and per pair four quotes and a colon.
        var size = 2 + Swift.max(pairs.count - 1, 0)
        var nameBytes = 0
        for pair in pairs {
            guard let name = plainCount(pair.name), let value = plainCount(pair.value) else { return nil }
            size += name + value + 5
            nameBytes += name
        }
        return withUnsafeTemporaryAllocation(of: NameRun.self, capacity: pairs.count) { runs -> [UInt8]? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(nameBytes, 1)) { names -> [UInt8]? in
                guard let namesBase = names.baseAddress else { return nil }
                var offset = 0
                for (index, pair) in pairs.enumerated() {
                    // `nameBytes` counted every name byte, and `initialize(from:)` stops at the
                    // end of the space it is given in any case.
                    let count = UnsafeMutableBufferPointer(rebasing: names[offset...]).initialize(from: pair.name.utf8).1
                    runs.initializeElement(at: index, to: NameRun(start: offset, count: count, pair: index))
                    offset += count
                }
                // Plain names are ASCII: byte order is code point order (Python's key order),
                // and names are equal exactly when their bytes are.
                var order = runs
                order.sort { ByteRunOrder.compare(namesBase + $0.start, $0.count, namesBase + $1.start, $1.count) < 0 }
                for position in order.indices.dropFirst() {
                    let previous = order[position - 1], current = order[position]
                    if ByteRunOrder.compare(namesBase + previous.start, previous.count, namesBase + current.start, current.count) == 0 { return nil }
                }
                return [UInt8](unsafeUninitializedCapacity: size) { output, initialized in
                    guard let outputBase = output.baseAddress else { return }
                    var written = 0
                    func put(_ byte: UInt8) {
                        output[written] = byte
                        written += 1
                    }
                    put(UInt8(ascii: "{"))
                    for (position, run) in order.enumerated() {
                        if position > 0 { put(UInt8(ascii: ",")) }
                        put(UInt8(ascii: "\""))
                        (outputBase + written).update(from: namesBase + run.start, count: run.count)
                        written += run.count
                        put(UInt8(ascii: "\""))
                        put(UInt8(ascii: ":"))
                        put(UInt8(ascii: "\""))
                        // `size` counted every value byte; `initialize(from:)` stops at the end
                        // of the space it is given in any case.
                        written += UnsafeMutableBufferPointer(rebasing: output[written...]).initialize(from: pairs[run.pair].value.utf8).1
                        put(UInt8(ascii: "\""))
                    }
                    put(UInt8(ascii: "}"))
                    initialized = written
                }
            }
        }
    }

    /// A name's bytes in the names buffer and the pair it belongs to.
    private struct NameRun {
        var start: Int
        var count: Int
        var pair: Int
    }

    /// The UTF-8 length of text that goes into JSON unescaped, or `nil` when any byte needs an
    /// escape (or is not ASCII).
    private static func plainCount(_ text: String) -> Int? {
        if let count = text.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(passesUnescaped) ? $0.count : nil }) { return count }
        return text.utf8.allSatisfy(passesUnescaped) ? text.utf8.count : nil
    }

    /// The common case, a handful of distinct names: sort the pairs directly, without grouping
    /// them in a dictionary. Returns `nil` when a name repeats (or there are many pairs), for
    /// the general path. Same bytes as the general path.
    private static func encodeUniqueNames(_ pairs: [DuoParameters.Pair]) -> [UInt8]? {
        guard pairs.count <= 16 else { return nil }
        var capacity = 2
        var asciiNames = true
        for pair in pairs {
            capacity += pair.name.utf8.count + pair.value.utf8.count + 6
            if asciiNames && !pair.name.utf8AllSatisfy({ $0 < 0x80 }) { asciiNames = false }
        }
        // UTF-8 byte order is code point order (the order Python sorts keys in), and comparing
        // bytes avoids decoding scalars; sorting indices avoids copying the pairs' strings.
        var order = Array(pairs.indices)
        order.sort { pairs[$0].name.utf8Precedes(pairs[$1].name) }
        if asciiNames {
            // ASCII names are equal exactly when their bytes are, and equal names sort together.
            for position in order.indices.dropFirst()
            where pairs[order[position - 1]].name.utf8Equals(pairs[order[position]].name) {
                return nil
            }
        } else {
            // `String ==` is canonical equivalence (a precomposed "é" equals "e\u{301}"), and the
            // general path groups names by it: keep that notion of a repeated name.
            for index in pairs.indices {
                for other in pairs.indices where other > index && pairs[other].name == pairs[index].name { return nil }
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        output.append(UInt8(ascii: "{"))
        for (position, index) in order.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            appendString(pairs[index].name, to: &output)
            output.append(UInt8(ascii: ":"))
            appendString(pairs[index].value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Printable ASCII other than `"` and `\`.
    private static func passesUnescaped(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C
    }

    private static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Printable ASCII apart from `"` and `\` goes through as it is (UTF-16 units equal the
        // bytes): checked and copied from the same contiguous UTF-8 in one visit.
        let copied: Bool
        if let contiguous = text.utf8.withContiguousStorageIfAvailable({ bytes in
            guard bytes.allSatisfy(passesUnescaped) else { return false }
            output.append(contentsOf: bytes)
            return true
        }) {
            copied = contiguous
        } else if text.utf8.allSatisfy(passesUnescaped) {
            output.append(contentsOf: text.utf8)
            copied = true
        } else {
            copied = false
        }
        if copied {
            output.append(UInt8(ascii: "\""))
            return
        }
        for unit in text.utf16 {
            switch unit {
            case 0x22: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case 0x5C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x20...0x7E: output.append(UInt8(unit))
            default:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"),
                                           hex[Int(unit >> 12 & 0xF)], hex[Int(unit >> 8 & 0xF)],
                                           hex[Int(unit >> 4 & 0xF)], hex[Int(unit & 0xF)]])
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
