/// The four penalty rules of ISO/IEC 18004 (7.8.3) that pick the mask: the pattern whose masked
/// symbol has the lowest score is the easiest to read.
enum QRPenalty {
    /// The score of a row-major square of modules (`true` dark), `size` per side.
    static func score(_ modules: [Bool], size: Int) -> Int {
        var total = 0
        for line in 0..<size {
            total += lineScore(modules, start: line * size, step: 1, count: size)
            total += lineScore(modules, start: line, step: size, count: size)
        }
        // Rule 2: every 2×2 block of one colour (overlapping blocks each count).
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let index = y * size + x
                let colour = modules[index]
                if modules[index + 1] == colour && modules[index + size] == colour && modules[index + size + 1] == colour {
                    total += 3
                }
            }
        }
        // Rule 4: 10 points for each whole 5% the dark share is away from 50%.
        var dark = 0
        for module in modules where module { dark += 1 }
        let count = modules.count
        total += abs(dark * 20 - count * 10) / count * 10
        return total
    }

    /// Rules 1 and 3 along one row or column: the modules at `start`, `start + step`, …
    static func lineScore(_ modules: [Bool], start: Int, step: Int, count: Int) -> Int {
        var score = 0
        var run = 0
        var previous = false
        // The last 15 modules seen, the newest in bit 0. Four light modules are fed before and
        // after the line: beyond the symbol's edge is light (the quiet zone).
        var window = 0
        for position in -4..<(count + 4) {
            let dark = position >= 0 && position < count && modules[start + position * step]
            if position >= 0 && position < count {
                // Rule 1: a run of 5 + i modules of one colour scores 3 + i.
                if position > 0 && dark == previous {
                    run += 1
                } else {
                    if run >= 5 { score += run - 2 }
                    run = 1
                    previous = dark
                }
            }
            window = (window << 1 | (dark ? 1 : 0)) & 0x7FFF
            // Rule 3: 40 for each dark-light-dark-dark-dark-light-dark (1:1:3:1:1) pattern, here
            // in bits 10...4, with four light modules after it (bits 3...0) or before it (14...11).
            if (window >> 4) & 0x7F == 0b1011101 && (window & 0xF == 0 || (window >> 11) & 0xF == 0) {
                score += 40
            }
        }
        if run >= 5 { score += run - 2 }
        return score
    }
}
