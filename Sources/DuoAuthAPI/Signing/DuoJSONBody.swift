public import DuoCore

/// The JSON body of a v5 POST: keys sorted, compact, non-ASCII escaped as `\uXXXX`, byte-equal to
/// what Duo's Python client sends (`json.dumps(params, sort_keys=True, separators=(",", ":"))`).
///
/// Any deterministic encoding would be accepted (the signature covers the exact bytes), but
/// matching Duo's client makes every body cross-checkable against its fixtures. A name with one
/// value becomes a string; a repeated name becomes an array of its values in order. Names are
/// told apart and sorted by their UTF-8 bytes, as Python compares them: a composed and a
/// decomposed `é` are two names, not one (Swift's `String ==` would merge them).
public enum DuoJSONBody {
    /// Encodes parameters as the v5 body.
    ///
    /// - Parameter parameters: The request parameters.
    /// - Returns: UTF-8 (in fact ASCII) JSON bytes; `{}` when there are none.
    public static func encode(_ parameters: DuoParameters) -> [UInt8] {
        let pairs = parameters.pairs
        let names = pairs.map { Array($0.name.utf8) }
        // Sorted by name bytes, ties in the order given, so a repeated name's values stand
        // together and in order.
        let order = pairs.indices.sorted { names[$0] == names[$1] ? $0 < $1 : names[$0].lexicographicallyPrecedes(names[$1]) }
        var output: [UInt8] = [UInt8(ascii: "{")]
        output.reserveCapacity(pairs.reduce(2) { $0 + $1.name.utf8.count + $1.value.utf8.count + 6 })
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, names[order[end]] == names[order[start]] { end += 1 }
            if start > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(pairs[order[start]].name, escaping: .ascii, to: &output)
            output.append(UInt8(ascii: ":"))
            if end - start == 1 {
                JSONWriter.writeString(pairs[order[start]].value, escaping: .ascii, to: &output)
            } else {
                output.append(UInt8(ascii: "["))
                for position in start..<end {
                    if position > start { output.append(UInt8(ascii: ",")) }
                    JSONWriter.writeString(pairs[order[position]].value, escaping: .ascii, to: &output)
                }
                output.append(UInt8(ascii: "]"))
            }
            start = end
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}
