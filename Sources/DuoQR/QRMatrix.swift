/// The module grid of one symbol while it is built: function patterns, data placement,
/// masking, format and version information. Coordinates are column `x`, row `y`, from the
/// top-left corner.
struct QRMatrix {
    let size: Int
    private(set) var modules: [Bool]
    /// Modules that belong to a function pattern or the format/version areas: neither data nor masked.
    private var reserved: [Bool]

    /// A grid of `version` with every function pattern drawn and the format areas reserved.
    init(version: Int) {
        size = version * 4 + 17
        modules = [Bool](repeating: false, count: size * size)
        reserved = [Bool](repeating: false, count: size * size)
        drawFunctionPatterns(version: version)
    }

    subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Modules left for codewords (and remainder bits).
    var dataModuleCount: Int { reserved.count(where: { !$0 }) }

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        reserved[y * size + x] = true
    }

    private mutating func drawFunctionPatterns(version: Int) {
        // Timing patterns first: the finders and alignments drawn over them win.
        for index in 0..<size {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        drawFinder(centreX: 3, centreY: 3)
        drawFinder(centreX: size - 4, centreY: 3)
        drawFinder(centreX: 3, centreY: size - 4)
        let positions = QRCapacity.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // The three corners are the finders' places.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centreX: x, centreY: y)
            }
        }
        // Reserve the format areas (written for real once the mask is chosen) and the dark module.
        drawFormat(0)
        if version >= 7 { drawVersion(version) }
    }

    /// A 7×7 finder and its light separator, clipped at the symbol's edge.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx, y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(x, y, distance != 2 && distance != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                set(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// The 15 format bits (level and mask, BCH(15,5) protected, XOR 0x5412) in both copies,
    /// and the dark module beside the bottom-left finder.
    mutating func drawFormat(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        for index in 0...5 { set(8, index, bit(index)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for index in 9..<15 { set(14 - index, 8, bit(index)) }
        for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
        set(8, size - 8, true)
    }

    static func formatBits(level: QRErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// The 18 version bits (BCH(18,6)) in the two 6×3 blocks, for versions 7 and up.
    private mutating func drawVersion(_ version: Int) {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3, b = index / 3
            set(a, b, dark)
            set(b, a, dark)
        }
    }

    /// Places the codewords in the two-column zigzag from the bottom-right corner, skipping
    /// function modules and the vertical timing column; leftover remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for offset in 0..<2 {
                    let x = right - offset
                    guard !reserved[y * size + x], bitIndex < totalBits else { continue }
                    modules[y * size + x] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// Flips the data modules where mask `pattern` (0...7) is true; applying it twice undoes it.
    mutating func applyMask(_ pattern: Int) {
        for y in 0..<size {
            for x in 0..<size where !reserved[y * size + x] {
                if Self.maskCondition(pattern, x: x, y: y) { modules[y * size + x].toggle() }
            }
        }
    }

    static func maskCondition(_ pattern: Int, x: Int, y: Int) -> Bool {
        switch pattern {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return x * y % 2 + x * y % 3 == 0
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }
}
