/// JSON string literals for printable-ASCII text, written straight into bytes: the one escaping
/// routine of the two claim writers (`SortedJSONObjectWriter`, `OrderedJSONObjectWriter`).
///
/// Printable ASCII needs only `"` and `\` escaped, and `JSONEncoder` writes `/` unescaped in the
/// writers' settings, so the output is byte-identical to it; anything else (control characters,
/// non-ASCII) is refused and the writers fall back to `JSONEncoder`.
enum JSONQuotedASCII {
    /// Appends `"text"`, escaping `"` and `\`; `false` (output then unusable) when a byte is not
    /// printable ASCII. One scan, then one block copy when nothing needs escaping, the common case.
    static func append(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        var escapes = false
        for byte in utf8 {
            guard byte >= 0x20, byte < 0x7F else { return false }
            escapes = escapes || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }
        output.append(UInt8(ascii: "\""))
        if escapes {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { output.append(UInt8(ascii: "\\")) }
                output.append(byte)
            }
        } else {
            output.append(contentsOf: utf8)
        }
        output.append(UInt8(ascii: "\""))
        return true
    }
}
