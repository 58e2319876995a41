/// RFC 3986 percent-decoding and -encoding for otpauth labels and query values.
enum PercentCoding {
    /// Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`) into UTF-8 text.
    ///
    /// - Returns: `nil` for a malformed escape or bytes that are not valid UTF-8.
    static func decode(_ text: Substring.UTF8View, plusIsSpace: Bool) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "%") {
                let first = text.index(after: index)
                guard first != text.endIndex else { return nil }
                let second = text.index(after: first)
                guard second != text.endIndex, let high = hexValue(text[first]), let low = hexValue(text[second]) else { return nil }
                bytes.append(high << 4 | low)
                index = text.index(after: second)
                continue
            }
            bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = text.index(after: index)
        }
        let string = String(decoding: bytes, as: UTF8.self)
        // String(decoding:) repairs invalid UTF-8; a change means the bytes were not UTF-8.
        guard string.utf8.elementsEqual(bytes) else { return nil }
        return string
    }

    static func decode(_ text: Substring, plusIsSpace: Bool) -> String? {
        decode(text.utf8, plusIsSpace: plusIsSpace)
    }

    /// Encodes everything outside RFC 3986's unreserved set (`A–Z a–z 0–9 - . _ ~`).
    static func encode(_ text: String) -> String {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// Strict decimal integers: ASCII digits only, no sign, no fraction, no hex, no overflow.
enum DecimalInteger {
    /// Parses `text` as a `UInt64`, or `nil`.
    static func parse(_ text: some StringProtocol) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in text.utf8 {
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
