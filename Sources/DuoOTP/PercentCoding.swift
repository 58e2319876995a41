import DuoCore

/// RFC 3986 percent-decoding and -encoding for otpauth labels and query values, on UTF-8 bytes.
enum PercentCoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`) with DuoCore's decoder.
    ///
    /// - Returns: The decoded bytes, or `nil` for a malformed escape or bytes that are not
    ///   valid UTF-8.
    static func decode(_ text: ArraySlice<UInt8>, plusIsSpace: Bool) -> ArraySlice<UInt8>? {
        PercentEncoding.decodeBytes(text, plusIsSpace: plusIsSpace).map { $0[...] }
    }

    /// Decodes into a string (see ``decode(_:plusIsSpace:)-(ArraySlice<UInt8>,_)``).
    static func decodeString(_ text: ArraySlice<UInt8>, plusIsSpace: Bool) -> String? {
        decode(text, plusIsSpace: plusIsSpace).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The length of the decoded form of text that decodes (each `%XX` becomes one byte).
    static func decodedCount(of text: ArraySlice<UInt8>) -> Int {
        var escapes = 0
        for byte in text where byte == UInt8(ascii: "%") { escapes += 1 }
        return text.count - 2 * escapes
    }

    /// Encodes everything outside RFC 3986's unreserved set (`A–Z a–z 0–9 - . _ ~`).
    static func encode(_ text: String) -> String { PercentEncoding.encode(text) }
}

/// Strict decimal integers: ASCII digits only, no sign, no fraction, no hex, no overflow.
enum DecimalInteger {
    /// Parses UTF-8 bytes as a `UInt64`, or `nil`.
    static func parse(_ bytes: some Sequence<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            count += 1
        }
        return count > 0 ? value : nil
    }
}

/// ASCII helpers for the byte-level parser.
enum ASCII {
    /// Compares bytes with a lower-case ASCII word, ignoring the case of letters in `bytes`.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseWord: StaticString) -> Bool {
        guard bytes.count == lowercaseWord.utf8CodeUnitCount else { return false }
        return lowercaseWord.withUTF8Buffer { word in
            var index = bytes.startIndex
            for expected in word {
                var byte = bytes[index]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
                if byte != expected { return false }
                index += 1
            }
            return true
        }
    }

    /// Compares bytes with an ASCII word exactly.
    static func equals(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { bytes.elementsEqual($0) }
    }
}
