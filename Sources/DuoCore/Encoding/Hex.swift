/// Hexadecimal digits: lower-case for Duo's Auth API signatures and body hashes, upper-case
/// for percent-encoding, either case when reading.
public enum Hex {
    /// Encodes bytes as lower-case hexadecimal text.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Two lower-case hex digits per byte.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the lower-case hex of bytes to a byte buffer, for callers assembling a larger
    /// text such as a canonical request.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer to append two digits per byte to.
    package static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + 2 * bytes.count)
        for byte in bytes {
            output.append(lowerDigits[Int(byte >> 4)])
            output.append(lowerDigits[Int(byte & 0x0F)])
        }
    }

    /// Decodes hexadecimal text (either case).
    ///
    /// - Parameter text: An even number of hex digits.
    /// - Returns: The bytes, or `nil` when the text is not hexadecimal.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = digitValue(utf8[index]), let low = digitValue(utf8[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    /// The value of a hex digit (either case), or `nil`.
    package static func digitValue(_ symbol: UInt8) -> UInt8? {
        switch symbol {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return symbol - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return symbol - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return symbol - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The upper-case digit of a value below 16 (percent-encoding's `%XX`).
    package static func upperDigit(_ nibble: UInt8) -> UInt8 { upperDigits[Int(nibble & 0x0F)] }

    private static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let upperDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
