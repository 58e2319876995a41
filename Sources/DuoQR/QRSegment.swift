/// The payload as one data segment in the mode that needs the fewest bits for all of it:
/// numeric (digits only), alphanumeric (digits, upper-case letters, space and `$%*+-./:`) or
/// byte (anything). Each mode's characters are a subset of the next one's and cost fewer bits
/// each, so the most restrictive mode that accepts every byte is the smallest.
struct QRSegment {
    enum Mode: Sendable {
        case numeric, alphanumeric, byte

        /// The 4-bit mode indicator.
        var indicator: Int {
            switch self {
            case .numeric: return 0b0001
            case .alphanumeric: return 0b0010
            case .byte: return 0b0100
            }
        }

        /// The length of the character count field, which grows with the version.
        func countBits(version: Int) -> Int {
            let group = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
            switch self {
            case .numeric: return [10, 12, 14][group]
            case .alphanumeric: return [9, 11, 13][group]
            case .byte: return [8, 16, 16][group]
            }
        }
    }

    static let alphanumericCharacters = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    let mode: Mode
    let payload: [UInt8]

    init(_ payload: [UInt8]) {
        self.payload = payload
        if payload.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            mode = .numeric
        } else if payload.allSatisfy({ Self.alphanumericValue($0) != nil }) {
            mode = .alphanumeric
        } else {
            mode = .byte
        }
    }

    static func alphanumericValue(_ byte: UInt8) -> Int? {
        alphanumericCharacters.firstIndex(of: byte)
    }

    /// Bits of the encoded data after the mode indicator and count field.
    var dataBitCount: Int {
        let count = payload.count
        switch mode {
        case .numeric: return count / 3 * 10 + [0, 4, 7][count % 3]
        case .alphanumeric: return count / 2 * 11 + (count % 2) * 6
        case .byte: return count * 8
        }
    }

    /// Bits of the whole segment in a code of `version`, or `nil` when its count field cannot
    /// hold the payload's length.
    func bitCount(version: Int) -> Int? {
        let countBits = mode.countBits(version: version)
        guard payload.count < 1 << countBits else { return nil }
        return 4 + countBits + dataBitCount
    }

    /// Whether the segment fits in the data codewords of a version and level.
    func fits(version: Int, level: QRErrorCorrection) -> Bool {
        guard let bits = bitCount(version: version) else { return false }
        return bits <= QRCapacity.dataCodewords(version: version, level: level) * 8
    }

    /// The smallest version that holds the segment at `level`, or `nil` when even 40 cannot.
    func smallestVersion(level: QRErrorCorrection) -> Int? {
        QRCapacity.versions.first { fits(version: $0, level: level) }
    }

    /// Appends mode indicator, character count and data.
    func write(to buffer: inout BitBuffer, version: Int) {
        buffer.append(mode.indicator, length: 4)
        buffer.append(payload.count, length: mode.countBits(version: version))
        switch mode {
        case .numeric:
            var index = 0
            while index < payload.count {
                let end = min(index + 3, payload.count)
                var value = 0
                for byte in payload[index..<end] { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
                buffer.append(value, length: [0, 4, 7, 10][end - index])
                index = end
            }
        case .alphanumeric:
            var index = 0
            while index < payload.count {
                let first = Self.alphanumericValue(payload[index]) ?? 0
                if index + 1 < payload.count {
                    buffer.append(first * 45 + (Self.alphanumericValue(payload[index + 1]) ?? 0), length: 11)
                } else {
                    buffer.append(first, length: 6)
                }
                index += 2
            }
        case .byte:
            for byte in payload { buffer.append(Int(byte), length: 8) }
        }
    }
}
