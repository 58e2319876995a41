/// Length and blankness checks on caller-supplied text (state, nonce, username) that give the
/// same answers as `String.count` and `allSatisfy(\.isWhitespace)` without walking grapheme
/// clusters for plain ASCII text, which is what these values nearly always are.
///
/// Counting `Character`s runs the grapheme-breaking algorithm over every scalar: about a
/// twentieth of building an authorize URL, for a 36-character state.
enum ArgumentText {
    /// The number of `Character`s in `text`, exactly `text.count`.
    ///
    /// ASCII text without a carriage return has one character per byte: CR LF is the only
    /// sequence of ASCII scalars that forms one grapheme cluster. Anything else is counted by
    /// `String.count` itself.
    static func characterCount(_ text: String) -> Int {
        let fast: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } ? bytes.count : nil
        }
        if case .some(.some(let count)) = fast { return count }
        return text.count
    }

    /// Whether `text` is empty or all whitespace, exactly `text.isEmpty ||
    /// text.allSatisfy(\.isWhitespace)`.
    ///
    /// When the first byte is a visible ASCII character (`!` to `~`), the first character is
    /// not whitespace, which settles the answer; anything else goes the general way.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, (0x21...0x7E).contains(first) { return false }
        return text.isEmpty || text.allSatisfy(\.isWhitespace)
    }
}
