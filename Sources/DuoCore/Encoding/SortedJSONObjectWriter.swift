/// Writes a flat JSON object byte-for-byte as ``JWTSigner``'s `JSONEncoder` does (sorted keys,
/// compact, `/` unescaped, integers as integers), without the Codable machinery.
///
/// It covers only what it can match exactly: string values of printable ASCII (escaping just
/// `"` and `\`), integers and booleans, and keys of plain ASCII. For anything else ``bytes()``
/// returns `nil`, and the caller signs through `JSONEncoder` as before.
package struct SortedJSONObjectWriter {
    private enum Member {
        case string(String)
        case integer(Int64)
        case bool(Bool)
    }

    private var members: [(key: String, value: Member)] = []

    package init() {}

    /// Adds a string member.
    package mutating func add(_ key: String, _ value: String) { members.append((key, .string(value))) }

    /// Adds a string member when the value is not `nil` (like `encodeIfPresent`).
    package mutating func add(_ key: String, _ value: String?) {
        if let value { add(key, value) }
    }

    /// Adds an integer member.
    package mutating func add(_ key: String, _ value: Int64) { members.append((key, .integer(value))) }

    /// Adds an integer member when the value is not `nil`.
    package mutating func add(_ key: String, _ value: Int?) {
        if let value { members.append((key, .integer(Int64(value)))) }
    }

    /// Adds a boolean member.
    package mutating func add(_ key: String, _ value: Bool) { members.append((key, .bool(value))) }

    /// The JSON bytes, or `nil` when a key or value is outside what this writer reproduces exactly.
    ///
    /// One pass per key and value both checks it and copies it (see ``appendString(_:to:)``).
    package func bytes() -> [UInt8]? {
        // Keys are plain ASCII whenever output is produced (checked while writing), and for
        // ASCII, String's `<` is byte order. Callers that add members in key order skip the sort.
        let sorted = members.indices.dropFirst().allSatisfy { members[$0 - 1].key < members[$0].key }
            ? members : members.sorted { $0.key < $1.key }
        for index in sorted.indices.dropFirst() where sorted[index].key == sorted[index - 1].key { return nil }
        var output: [UInt8] = [UInt8(ascii: "{")]
        output.reserveCapacity(members.reduce(2) { $0 + $1.key.utf8.count + 24 + Self.valueLength($1.value) })
        for (position, member) in sorted.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            guard Self.appendString(member.key, to: &output) else { return nil }
            output.append(UInt8(ascii: ":"))
            switch member.value {
            case .string(let text): guard Self.appendString(text, to: &output) else { return nil }
            case .integer(let value): output.append(contentsOf: String(value).utf8)
            case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private static func valueLength(_ value: Member) -> Int {
        if case .string(let text) = value { return text.utf8.count }
        return 0
    }

    /// Appends `text` as a JSON string, escaping `"` and `\` as `JSONEncoder` does; returns
    /// `false` (output then unusable) when a byte is not printable ASCII.
    ///
    /// Works on the string's contiguous UTF-8 when it has it (native strings do): one scan, then
    /// one block copy when nothing needs escaping, the common case.
    private static func appendString(_ text: String, to output: inout [UInt8]) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { JSONQuotedASCII.append($0, to: &output) }
            ?? Array(text.utf8).withUnsafeBufferPointer { JSONQuotedASCII.append($0, to: &output) }
    }
}
