extension Hex {
    /// Appends the lower-case hex of bytes to a byte buffer (the same digits as
    /// ``encode(_:)-(UnsafeRawBufferPointer)``), for callers assembling a larger text such as a
    /// canonical request, where a separate `String` per digest would be one more allocation.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer to append two digits per byte to.
    package static func append(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let start = output.count
        // Grow once, then fill: per-byte `append` re-checks capacity 128 times for a SHA-512.
        output.append(contentsOf: repeatElement(0, count: bytes.count * 2))
        output.withUnsafeMutableBufferPointer { out in
            // Bounds: `out` has exactly `start + 2 * bytes.count` elements (grown just above),
            // and `index` runs from `start` in steps of 2, once per input byte.
            var index = start
            for byte in bytes {
                out[index] = lowerDigit(byte >> 4)
                out[index + 1] = lowerDigit(byte & 0x0F)
                index += 2
            }
        }
    }

    @inline(__always)
    private static func lowerDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}
