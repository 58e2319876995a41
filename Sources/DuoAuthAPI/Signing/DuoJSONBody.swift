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
        var members: [(name: String, values: [String])] = []
        var indexByName: [[UInt8]: Int] = [:]
        for pair in parameters {
            let key = Array(pair.name.utf8)
            if let index = indexByName[key] {
                members[index].values.append(pair.value)
            } else {
                indexByName[key] = members.count
                members.append((pair.name, [pair.value]))
            }
        }
        return JSONWriter.object(members.map { member in
            let value: JSONValue = member.values.count == 1 ? .string(member.values[0]) : .array(member.values.map(JSONValue.string))
            return (name: member.name, value: value)
        }, escaping: .ascii)
    }
}
