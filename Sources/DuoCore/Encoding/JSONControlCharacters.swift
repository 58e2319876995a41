/// Finds raw control characters inside JSON strings, which RFC 8259 (section 7) forbids
/// (U+0000 to U+001F must be escaped) but Foundation's `JSONDecoder` on Linux lets through in
/// one place: it keeps the first value of a repeated key and skips the later ones unchecked.
///
/// Fuzzing found a Duo Auth API answer with a raw carriage return and NUL inside a repeated
/// key's string that `JSONDecoder` read as a success while `JSONSerialization` refused it;
/// callers that must refuse malformed answers check with this first.
package enum JSONControlCharacters {
    /// Whether any string in the JSON text holds a byte below 0x20 that is not escaped.
    ///
    /// Only string contents are inspected (whitespace between tokens may be tab, newline or
    /// carriage return); the rest of the syntax is left to the decoder.
    ///
    /// - Parameter bytes: UTF-8 JSON text.
    /// - Returns: `true` when a string holds a raw control character.
    package static func appearInString(_ bytes: some Sequence<UInt8>) -> Bool {
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    return true
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
        }
        return false
    }
}
