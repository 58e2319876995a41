import DuoQR
import FuzzSupport

// DuoQR's encoder and renderers on any payload (the emulator's /frame/qr draws any `value`), at a
// level picked by the first byte. Properties:
// - a payload of at most 7 bytes always fits (version 1-H holds 7), one over 7 089 never does,
//   and a refusal is `payloadTooLong`;
// - the symbol is 4 × version + 17 modules wide, version 1...40, mask 0...7, the level asked;
//   level L never needs a larger version than the level asked;
// - both copies of the format information, read back from the modules, are the BCH(15,5)
//   codeword of level and mask (computed here) XOR 0x5412, and the dark module is set; from
//   version 7 both version blocks carry the BCH(18,6) codeword of the version; the timing
//   patterns alternate and the three finders are in their corners;
// - the PNG (scale 1) has the signature, IHDR with the quiet-zone width and an IDAT of stored
//   blocks of exactly the raw size; the SVG has one <path>; the text has one line per two rows.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQRCode(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let level = input.pick(QRErrorCorrection.allCases)
    let payload = input.rest()
    let code: QRCode
    do throws(QRCodeError) {
        code = try QRCode(encoding: payload, level: level)
    } catch {
        fuzzCheck(payload.count > 7, "\(payload.count) bytes refused at \(level)")
        fuzzCheck(error.reason == .payloadTooLong, "refused with \(error.reason)")
        return 0
    }
    fuzzCheck(payload.count <= 7_089, "\(payload.count) bytes accepted")
    fuzzCheck((1...40).contains(code.version) && (0...7).contains(code.mask) && code.level == level, "\(code)")
    fuzzCheck(code.size == code.version * 4 + 17, "size \(code.size) for version \(code.version)")
    if let low = try? QRCode(encoding: payload, level: .low) {
        fuzzCheck(low.version <= code.version, "level L needs version \(low.version) > \(code.version)")
    } else {
        fuzzCheck(false, "fits at \(level) but not at L")
    }
    checkFunctionPatterns(code)

    let side = code.size + 8
    guard let png = try? code.png(scale: 1) else { fuzzCheck(false, "png(scale: 1) failed"); return 0 }
    fuzzCheck(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
    fuzzCheck(png.count > 33 && bigEndian(png, 16) == side && bigEndian(png, 20) == side, "IHDR size")
    let raw = side * (side + 1)
    let blocks = (raw + 65_534) / 65_535
    fuzzCheck(png.count == 8 + 25 + 12 + 2 + blocks * 5 + raw + 4 + 12, "PNG length \(png.count) for \(side)×\(side)")
    guard let svg = try? code.svg() else { fuzzCheck(false, "svg() failed"); return 0 }
    fuzzCheck(svg.split(separator: "<path", omittingEmptySubsequences: false).count == 2, "SVG paths")
    fuzzCheck(code.terminalText(colored: false).split(separator: "\n", omittingEmptySubsequences: false).count == (side + 1) / 2, "text lines")
    return 0
}

func bigEndian(_ bytes: [UInt8], _ offset: Int) -> Int {
    bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
}

/// The remainder of `value` × x^degree divided by `generator` (a BCH code's check bits).
func bchCheckBits(_ value: Int, generator: Int, degree: Int) -> Int {
    var remainder = value << degree
    var bit = 30
    while bit >= degree {
        if remainder >> bit & 1 == 1 { remainder ^= generator << (bit - degree) }
        bit -= 1
    }
    return remainder
}

func checkFunctionPatterns(_ code: QRCode) {
    let size = code.size
    let levelBits = [QRErrorCorrection.low: 1, .medium: 0, .quartile: 3, .high: 2][code.level] ?? -1
    let data = levelBits << 3 | code.mask
    let format = (data << 10 | bchCheckBits(data, generator: 0x537, degree: 10)) ^ 0x5412
    // ISO/IEC 18004 figure 25: bits 0...14 around the top-left finder, and split between the
    // other two finders.
    let first: [(Int, Int)] = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
    let second: [(Int, Int)] = (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) }
    for (name, places) in [("first", first), ("second", second)] {
        var read = 0
        for (index, place) in places.enumerated() where code[x: place.0, y: place.1] { read |= 1 << index }
        fuzzCheck(read == format, "\(name) format copy \(read) != \(format) in \(code)")
    }
    fuzzCheck(code[x: 8, y: size - 8], "dark module")
    if code.version >= 7 {
        let version = code.version << 12 | bchCheckBits(code.version, generator: 0x1F25, degree: 12)
        var top = 0, left = 0
        for index in 0..<18 {
            if code[x: size - 11 + index % 3, y: index / 3] { top |= 1 << index }
            if code[x: index / 3, y: size - 11 + index % 3] { left |= 1 << index }
        }
        fuzzCheck(top == version && left == version, "version blocks \(top), \(left) != \(version)")
    }
    for index in 8..<(size - 8) {
        fuzzCheck(code[x: index, y: 6] == (index % 2 == 0) && code[x: 6, y: index] == (index % 2 == 0), "timing at \(index)")
    }
    for (x, y) in [(0, 0), (size - 7, 0), (0, size - 7)] {
        for dy in 0..<7 {
            for dx in 0..<7 {
                let ring = max(abs(dx - 3), abs(dy - 3))
                fuzzCheck(code[x: x + dx, y: y + dy] == (ring != 2), "finder at \(x),\(y)")
            }
        }
    }
}
