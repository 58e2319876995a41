/// Base32 (RFC 4648 §6) as one-time-password secrets use it.
///
/// Decoding follows the rules of the `duo otp` contract, which are what real secrets need:
/// spaces anywhere and trailing `=` padding are dropped, letters are case-insensitive, the
/// alphabet is `A–Z` and `2–7` only, impossible lengths (remainder 1, 3 or 6 modulo 8) are
/// refused, and unused low bits of the last symbol are ignored (as Python and most apps do).
/// Encoding produces the canonical form: upper case, unpadded.
///
/// ```swift
/// let key = try Base32.decode("jbsw y3dp ehpk 3pxp")   // 10 bytes
/// Base32.encode(key)                                     // "JBSWY3DPEHPK3PXP"
/// ```
public enum Base32 {
    /// The 32 symbols, in value order.
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Symbol value of each ASCII byte, or 0xFF when the byte is not a Base32 symbol.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = UInt8(value)
            if symbol >= UInt8(ascii: "A") && symbol <= UInt8(ascii: "Z") {
                table[Int(symbol | 0x20)] = UInt8(value)  // lower-case letter
            }
        }
        return table
    }()

    /// Decodes Base32 text into bytes.
    ///
    /// - Parameter text: The encoded secret, for example `JBSWY3DPEHPK3PXP`.
    /// - Returns: The decoded bytes (never empty).
    /// - Throws: ``Base32Error`` naming what is wrong; the error never repeats the text.
    public static func decode(_ text: some StringProtocol) throws(Base32Error) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    /// Decodes Base32 from UTF-8 bytes.
    static func decode(bytes: some Collection<UInt8>) throws(Base32Error) -> [UInt8] {
        let input = Array(bytes)
        let space = UInt8(ascii: " "), pad = UInt8(ascii: "=")
        // Find the end of the text once spaces and trailing padding are set aside.
        var end = input.count
        while end > 0 && (input[end - 1] == pad || input[end - 1] == space) { end -= 1 }
        var symbolCount = 0
        for index in 0..<end where input[index] != space {
            if values[Int(input[index])] == 0xFF { throw Base32Error.invalidCharacter(position: index + 1) }
            symbolCount += 1
        }
        guard symbolCount > 0 else { throw Base32Error.empty }
        switch symbolCount % 8 {
        case 1, 3, 6: throw Base32Error.invalidLength(symbolCount: symbolCount)
        default: break
        }
        var output = [UInt8]()
        output.reserveCapacity(symbolCount * 5 / 8)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<end where input[index] != space {
            accumulator = (accumulator << 5) | UInt32(values[Int(input[index])])
            bits += 5
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // Leftover bits (fewer than 8) belong to no byte and are ignored by design.
        return output
    }

    /// Encodes bytes as canonical Base32: upper case, no padding, no spaces.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The Base32 text (empty for no bytes).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = (accumulator << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                output.append(alphabet[Int((accumulator >> UInt32(bits)) & 31)])
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 {
            output.append(alphabet[Int((accumulator << UInt32(5 - bits)) & 31)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
