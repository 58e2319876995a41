/// Bits appended most significant first, as the QR data stream is written.
struct BitBuffer {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    /// Appends the low `length` bits of `value` (`length` 0...31).
    mutating func append(_ value: Int, length: Int) {
        var position = length - 1
        while position >= 0 {
            bits.append((value >> position) & 1 == 1)
            position -= 1
        }
    }

    /// The bits packed into bytes, the last one padded with zeros.
    var bytes: [UInt8] {
        var result = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            result[index / 8] |= UInt8(0x80) >> UInt8(index % 8)
        }
        return result
    }
}
