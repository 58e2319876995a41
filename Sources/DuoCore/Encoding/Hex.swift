/// Lower-case hexadecimal encoding, as Duo's Auth API signatures and body hashes use it.
public enum Hex {
    /// Encodes bytes as lower-case hexadecimal text.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Two lower-case hex digits per byte.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Encodes contiguous bytes straight into the string's storage (no intermediate array).
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Two lower-case hex digits per byte.
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            guard let base = output.baseAddress else { return 0 }
            writeDigits(of: bytes, to: UnsafeMutableRawPointer(base))
            return bytes.count * 2
        }
    }

    /// Decodes hexadecimal text (either case).
    ///
    /// - Parameter text: An even number of hex digits.
    /// - Returns: The bytes, or `nil` when the text is not hexadecimal.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var output = [UInt8]()
        output.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func nibble(_ symbol: UInt8) -> UInt8? {
        switch symbol {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return symbol - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return symbol - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return symbol - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
