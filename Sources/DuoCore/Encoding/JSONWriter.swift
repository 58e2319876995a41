/// The one JSON writer: compact, members sorted by the UTF-8 bytes of their names, integers as
/// integers, `/` unescaped.
///
/// It writes the claims of every token the SDK signs (``Escaping/utf8``, the bytes
/// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` gives for them) and the v5
/// bodies of Auth API requests (``Escaping/ascii``, the bytes of Python's
/// `json.dumps(sort_keys=True, separators=(",", ":"))`, as Duo's own client sends them).
///
/// Names are ordered and told apart by their bytes, never by `String` equality: a composed and a
/// decomposed `é` are two names, as they are for Duo's Python client.
package enum JSONWriter {
    /// How text outside printable ASCII is written.
    package enum Escaping: Sendable {
        /// UTF-8 as it is; control characters escaped (`JSONEncoder`'s output).
        case utf8
        /// Everything outside printable ASCII as `\uXXXX` UTF-16 escapes (Python's
        /// `ensure_ascii`, the default of `json.dumps`).
        case ascii
    }

    /// The JSON object of `members`, in the byte order of their names.
    ///
    /// - Parameters:
    ///   - members: Names and values; the caller gives each name once.
    ///   - escaping: How strings are written.
    /// - Returns: The JSON bytes.
    package static func object(_ members: [(name: String, value: JSONValue)], escaping: Escaping = .utf8) -> [UInt8] {
        var output: [UInt8] = []
        writeObject(members, escaping: escaping, to: &output)
        return output
    }

    /// Appends any JSON value; an object's members go in the byte order of their names.
    package static func write(_ value: JSONValue, escaping: Escaping = .utf8, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: (number.isFinite ? String(number) : "null").utf8)
        case .string(let text): writeString(text, escaping: escaping, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, escaping: escaping, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members.map { (name: $0.key, value: $0.value) }, escaping: escaping, to: &output)
        }
    }

    private static func writeObject(_ members: [(name: String, value: JSONValue)], escaping: Escaping, to output: inout [UInt8]) {
        let sorted = members.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        output.append(UInt8(ascii: "{"))
        for (index, member) in sorted.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            writeString(member.name, escaping: escaping, to: &output)
            output.append(UInt8(ascii: ":"))
            write(member.value, escaping: escaping, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Appends a quoted string: `"` and `\` escaped, the control characters with a short escape
    /// where JSON has one and `\u00XX` otherwise; with ``Escaping/ascii`` also DEL and every
    /// non-ASCII scalar as UTF-16 `\uXXXX` escapes.
    package static func writeString(_ text: String, escaping: Escaping, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        switch escaping {
        case .utf8:
            for byte in text.utf8 {
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    output.append(byte)
                } else {
                    writeEscape(UInt16(byte), to: &output)
                }
            }
        case .ascii:
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value >= 0x20, value < 0x7F, value != 0x22, value != 0x5C {
                    output.append(UInt8(value))
                } else {
                    for unit in scalar.utf16 { writeEscape(unit, to: &output) }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ unit: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch unit {
        case 0x22: output.append(UInt8(ascii: "\""))
        case 0x5C: output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            output.append(UInt8(ascii: "u"))
            Hex.append([UInt8(truncatingIfNeeded: unit >> 8), UInt8(truncatingIfNeeded: unit)], to: &output)
        }
    }
}
