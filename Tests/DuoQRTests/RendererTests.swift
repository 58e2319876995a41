import DuoCLITestSupport
@testable import DuoQR
import Foundation
import Testing

/// Every renderer's output read back by decoders nobody here wrote (ZBar, librsvg), across
/// versions 1 to 40 and the four levels, plus the PNG container details.
struct RendererTests {
    /// The longest byte payload of each version and level, from the encoder's tables (the
    /// version check below keeps the tables honest against the smallest-version rule).
    static func byteCapacity(version: Int, level: QRErrorCorrection) -> Int {
        let countBits = version <= 9 ? 8 : 16
        return (QRCapacity.dataCodewords(version: version, level: level) * 8 - 4 - countBits) / 8
    }

    /// Printable ASCII (no newline, so zbarimg's output splits into lines), varied with a seed.
    static func payload(length: Int, seed: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -._~:/?#[]@!$&'()*+,;=%")
        var state = UInt64(truncatingIfNeeded: seed) &* 6_364_136_223_846_793_005 &+ 1
        return String((0..<length).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return alphabet[Int(state >> 33) % alphabet.count]
        })
    }

    /// Every small version (where the count fields and block structures change most), then a
    /// spread up to 40.
    static let decodedVersions = Array(1...10) + [12, 14, 16, 19, 22, 26, 27, 30, 32, 35, 38, 40]

    @Test("zbarimg decodes PNGs across versions 1-40 (levels in turn) to the exact payload", .enabled(if: ExternalDecoder.enabled))
    func pngAcrossVersions() throws {
        let folder = try ExternalDecoder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [String] = []
        var files: [URL] = []
        for version in Self.decodedVersions {
            let level = QRErrorCorrection.allCases[version % 4]
            // One byte more than the previous version holds: the smallest version is `version`.
            let length = version == 1 ? 1 : Self.byteCapacity(version: version - 1, level: level) + 1
            let text = Self.payload(length: length, seed: version)
            let code = try QRCode(encoding: text, level: level)
            #expect(code.version == version, "length \(length) at \(level)")
            let file = folder.appendingPathComponent("v\(version).png")
            try Data(try code.png(scale: 2)).write(to: file)
            files.append(file)
            expected.append(text)
        }
        let decoded = try ExternalDecoder.decode(pngFiles: files)
        #expect(decoded.count == expected.count)
        for (index, (got, want)) in zip(decoded, expected).enumerated() {
            #expect(got == want, "version \(Self.decodedVersions[index])")
        }
    }

    @Test("zbarimg decodes every level, every mode, UTF-8 text and a full version 40-L", .enabled(if: ExternalDecoder.enabled))
    func pngLevelsAndModes() throws {
        let folder = try ExternalDecoder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var payloads: [(String, QRErrorCorrection)] = []
        for level in QRErrorCorrection.allCases {
            payloads.append(("otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example", level))
            payloads.append((String(Self.payload(length: 700, seed: level.hashValue).prefix(Self.byteCapacity(version: 20, level: level))), level))
        }
        payloads.append((String(repeating: "0123456789", count: 300), .quartile))
        payloads.append(("HTTPS://EXAMPLE.COM/ACTIVATE/ABC-123 $%*+./:", .high))
        payloads.append(("x", .low))
        // Byte mode carries text as UTF-8.
        payloads.append(("Zürich – café ✓ 東京", .medium))
        payloads.append((Self.payload(length: 2_953, seed: 40), .low))
        var files: [URL] = []
        for (index, (text, level)) in payloads.enumerated() {
            let file = folder.appendingPathComponent("case\(index).png")
            try Data(try QRCode(encoding: text, level: level).png(scale: 3)).write(to: file)
            files.append(file)
        }
        let decoded = try ExternalDecoder.decode(pngFiles: files)
        #expect(decoded == payloads.map(\.0))
    }

    @Test("SVGs rasterised by librsvg decode to the payload, versions 1 to 40", .enabled(if: ExternalDecoder.enabled))
    func svgDecodes() throws {
        let folder = try ExternalDecoder.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [String] = []
        var files: [URL] = []
        for (index, version) in [1, 4, 9, 15, 23, 31, 40].enumerated() {
            let level = QRErrorCorrection.allCases[index % 4]
            let text = Self.payload(length: Self.byteCapacity(version: version, level: level), seed: 100 + version)
            let code = try QRCode(encoding: text, level: level)
            #expect(code.version == version)
            let svg = try code.svg(moduleSize: 1)
            #expect(svg.components(separatedBy: "<path").count == 2)
            #expect(svg.contains(#"shape-rendering="crispEdges""#))
            let side = code.size + 8
            #expect(svg.contains(#"viewBox="0 0 \#(side) \#(side)""#))
            let svgFile = folder.appendingPathComponent("v\(version).svg")
            let pngFile = folder.appendingPathComponent("v\(version).png")
            try Data(svg.utf8).write(to: svgFile)
            // Three pixels per module, scaled by librsvg from the viewBox.
            try ExternalDecoder.rasterise(svg: svgFile, to: pngFile, width: side * 3)
            files.append(pngFile)
            expected.append(text)
        }
        #expect(try ExternalDecoder.decode(pngFiles: files) == expected)
    }

    @Test("The PNG is 8-bit greyscale at the scale asked, with valid chunk CRCs and zlib Adler-32")
    func pngContainer() throws {
        let code = try QRCode(encoding: "hello", level: .low)
        let png = try code.png(scale: 5)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var chunks: [(String, [UInt8])] = []
        while offset + 12 <= png.count, chunks.count < 10 {
            let length = Int(png[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) })
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            let stored = png[offset + 8 + length..<offset + 12 + length].reduce(0) { $0 << 8 | UInt32($1) }
            var crc = CRC32()
            crc.update(Array(png[offset + 4..<offset + 8]) + data)
            #expect(crc.value == stored, "\(type) CRC")
            chunks.append((type, data))
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(chunks.map(\.0) == ["IHDR", "IDAT", "IEND"])
        let side = UInt32((code.size + 8) * 5)
        let header = chunks[0].1
        #expect(header.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } == UInt64(side) << 32 | UInt64(side))
        #expect(Array(header.suffix(5)) == [8, 0, 0, 0, 0])
        // Stored blocks: reassemble the raw scanlines and check them and the Adler-32.
        let zlib = chunks[1].1
        #expect(Array(zlib.prefix(2)) == [0x78, 0x01])
        var raw: [UInt8] = []
        var position = 2
        var final = false
        while !final, position + 5 <= zlib.count {
            final = zlib[position] & 1 == 1
            let length = Int(zlib[position + 1]) | Int(zlib[position + 2]) << 8
            let inverse = Int(zlib[position + 3]) | Int(zlib[position + 4]) << 8
            #expect(length ^ inverse == 0xFFFF)
            raw += zlib[position + 5..<position + 5 + length]
            position += 5 + length
        }
        #expect(final)
        #expect(zlib[position..<position + 4].reduce(0) { $0 << 8 | UInt32($1) } == PNGEncoding.adler32(raw))
        #expect(position + 4 == zlib.count)
        #expect(raw.count == Int(side) * (Int(side) + 1))
        // Top-left pixel: quiet zone (white); first pixel of the finder: black.
        #expect(raw[0] == 0 && raw[1] == 255)
        let finderRow = 4 * 5 * (Int(side) + 1)
        #expect(raw[finderRow + 1 + 4 * 5] == 0)
    }

    @Test("CRC-32 and Adler-32 give their published check values")
    func checksums() {
        var crc = CRC32()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var iend = CRC32()
        iend.update(Array("IEND".utf8))
        #expect(iend.value == 0xAE42_6082)
        #expect(PNGEncoding.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGEncoding.adler32([UInt8](repeating: 0xFF, count: 100_000)) == Self.slowAdler32([UInt8](repeating: 0xFF, count: 100_000)))
    }

    static func slowAdler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    @Test("A large PNG spans several stored deflate blocks")
    func multiBlockPNG() throws {
        let code = try QRCode(encoding: Self.payload(length: 500, seed: 7), level: .medium)
        let png = try code.png(scale: 8)
        let side = (code.size + 8) * 8
        #expect(side * (side + 1) > 65_535)
        #expect(png.count > side * side)
    }

    @Test("Scales outside 1...64 are refused")
    func scales() throws {
        let code = try QRCode(encoding: "x")
        for scale in [0, -1, 65, Int.max] {
            #expect(throws: QRCodeError.self) { try code.png(scale: scale) }
            #expect(throws: QRCodeError.self) { try code.svg(moduleSize: scale) }
        }
        #expect(try code.png(scale: 1).count > 0)
    }

    @Test("Terminal text: two module rows per line, quiet zone, colours that hold on any background")
    func terminalText() throws {
        for text in ["a", Self.payload(length: 300, seed: 3)] {
            let code = try QRCode(encoding: text, level: .quartile)
            let side = code.size + 8
            let plain = code.terminalText(colored: false)
            let lines = plain.components(separatedBy: "\n")
            #expect(lines.count == (side + 1) / 2)
            #expect(lines.allSatisfy { $0.count == side })
            #expect(lines.first?.allSatisfy { $0 == " " } == true)
            // Read the glyphs back into modules.
            for (row, line) in lines.enumerated() {
                for (column, glyph) in line.enumerated() {
                    let x = column - 4, y = row * 2 - 4
                    let top = glyph == "█" || glyph == "▀"
                    let bottom = glyph == "█" || glyph == "▄"
                    #expect(top == code[x: x, y: y] && bottom == code[x: x, y: y + 1], "line \(row) column \(column)")
                }
            }
            let colored = code.terminalText()
            let coloredLines = colored.components(separatedBy: "\n")
            #expect(coloredLines.count == lines.count)
            for (line, bare) in zip(coloredLines, lines) {
                #expect(line == "\u{1B}[30;107m" + bare + "\u{1B}[0m")
            }
        }
    }
}
