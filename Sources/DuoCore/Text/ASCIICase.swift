extension String {
    /// The string with `A`–`Z` mapped to `a`–`z` and every other character left as it is.
    ///
    /// Duo folds usernames, header names and provider names to ASCII lower case. `lowercased()`
    /// folds Unicode too, so the Kelvin sign (U+212A) would become `k` and "\u{212A}im" would pass
    /// for "kim"; this fold never merges a non-ASCII character with an ASCII one.
    package var asciiLowercased: String {
        guard utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return self }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether two strings are equal once ASCII letters are folded to lower case (byte for byte
    /// otherwise). Not constant time: use it for names, not secrets.
    package func asciiCaseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { lhs, rhs in
            lhs == rhs || (lhs | 0x20 == rhs | 0x20 && (lhs | 0x20) >= UInt8(ascii: "a") && (lhs | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
