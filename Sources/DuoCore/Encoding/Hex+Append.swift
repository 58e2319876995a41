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
            guard let base = out.baseAddress else { return }
            // `out` has exactly `start + 2 * bytes.count` elements (grown just above).
            writeDigits(of: bytes, to: UnsafeMutableRawPointer(base + start))
        }
    }

    /// Both digits of every byte value, the first in the low byte: one table read and one 2-byte
    /// store per input byte instead of two nibble conversions and two stores (the hex of the
    /// body hash and of the MAC were a fifteenth of signing a v5 request).
    private static let digitPairs: [UInt16] = (0...255).map { byte in
        UInt16(lowerDigit(UInt8(byte) >> 4)) | UInt16(lowerDigit(UInt8(byte) & 0x0F)) << 8
    }

    /// Writes `2 * bytes.count` lower-case digits at `target`, which must have room for them
    /// (for callers that assemble a text in their own buffer).
    package static func writeDigits(of bytes: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer) {
        digitPairs.withUnsafeBufferPointer { pairs in
            var offset = 0
            for byte in bytes {
                target.storeBytes(of: pairs[Int(byte)].littleEndian, toByteOffset: offset, as: UInt16.self)
                offset += 2
            }
        }
    }

    @inline(__always)
    private static func lowerDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }
}
