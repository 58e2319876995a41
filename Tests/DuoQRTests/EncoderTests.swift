@testable import DuoQR
import Testing

/// Capacities, mode and version choice, limits and the redaction of the modules.
struct EncoderTests {
    /// Byte-mode capacities of ISO/IEC 18004 table 7 (as segno reports them), by version, in L, M, Q, H order.
    static let byteCapacities: [Int: [Int]] = [
        1: [17, 14, 11, 7], 2: [32, 26, 20, 14], 7: [154, 122, 86, 64], 9: [230, 180, 130, 98], 10: [271, 213, 151, 119],
        26: [1_367, 1_059, 751, 593], 27: [1_465, 1_125, 805, 625], 40: [2_953, 2_331, 1_663, 1_273],
    ]

    @Test("A code is 4 × version + 17 modules wide")
    func size() throws {
        for (length, version) in [(17, 1), (18, 2), (230, 9)] {
            let code = try QRCode(encoding: [UInt8](repeating: 0x62, count: length), level: .low)
            #expect(code.version == version && code.size == version * 4 + 17)
        }
    }

    @Test("The smallest version is chosen: a capacity fits, one byte more needs the next version")
    func smallestVersion() throws {
        for (version, capacities) in Self.byteCapacities {
            for (level, capacity) in zip(QRErrorCorrection.allCases, capacities) {
                let full = QRSegment([UInt8](repeating: 0x61, count: capacity))
                #expect(full.smallestVersion(level: level) == version, "\(version)-\(level)")
                let over = QRSegment([UInt8](repeating: 0x61, count: capacity + 1))
                #expect(over.smallestVersion(level: level) == (version < 40 ? version + 1 : nil), "\(version)-\(level) + 1")
            }
        }
    }

    @Test("Digits and upper-case text use the numeric and alphanumeric modes")
    func modes() throws {
        // Version 1-L holds 41 digits, 25 alphanumeric characters or 17 bytes.
        #expect(try QRCode(encoding: String(repeating: "7", count: 41), level: .low).version == 1)
        #expect(try QRCode(encoding: String(repeating: "7", count: 42), level: .low).version == 2)
        #expect(try QRCode(encoding: String(repeating: "A:", count: 12) + "Z", level: .low).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 18), level: .low).version == 2)
        #expect(QRSegment(Array("HTTPS://EXAMPLE.COM/ABC".utf8)).mode == .alphanumeric)
        #expect(QRSegment(Array("https://example.com".utf8)).mode == .byte)
        #expect(QRSegment([]).mode == .numeric)
        // The largest symbols: 7 089 digits, 4 296 alphanumeric characters at version 40-L.
        #expect(try QRCode(encoding: String(repeating: "1", count: 7_089), level: .low).version == 40)
        #expect(try QRCode(encoding: String(repeating: "Z", count: 4_296), level: .low).version == 40)
    }

    @Test("A payload too long for version 40 is a typed error that does not repeat it")
    func tooLong() {
        let cases: [([UInt8], QRErrorCorrection)] = [
            ([UInt8](repeating: 0x61, count: 2_954), .low),
            ([UInt8](repeating: 0x61, count: 1_274), .high),
            (Array(String(repeating: "1", count: 7_090).utf8), .low),
            (Array(String(repeating: "Z", count: 4_297).utf8), .low),
            ([UInt8](repeating: 0x61, count: 1_000_000), .medium),
        ]
        for (payload, level) in cases {
            let error = #expect(throws: QRCodeError.self) { try QRCode(encoding: payload, level: level) }
            #expect(error?.reason == .payloadTooLong)
            #expect(error?.description.contains("aaaa") == false)
            #expect(error?.recoverySuggestion != nil)
        }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: [1], level: .low, version: 41, mask: 0) }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: [1], level: .low, version: 1, mask: 8) }
        #expect(throws: QRCodeError.self) { try QRCode(encoding: [UInt8](repeating: 1, count: 18), level: .low, version: 1, mask: 0) }
    }

    @Test("The empty payload makes a version 1 code")
    func empty() throws {
        let code = try QRCode(encoding: "", level: .high)
        #expect(code.version == 1)
    }

    @Test("Outside the symbol is light (the quiet zone); finders sit in three corners")
    func geometry() throws {
        let code = try QRCode(encoding: "hello", level: .medium)
        #expect(!code[x: -1, y: 0] && !code[x: 0, y: code.size] && !code[x: Int.min, y: Int.max])
        for (x, y) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            #expect(code[x: x, y: y] && code[x: x + 6, y: y + 6] && code[x: x + 3, y: y + 3] && !code[x: x + 1, y: y + 1])
        }
    }

    @Test("description and the mirror show the shape, never the modules")
    func redaction() throws {
        let code = try QRCode(encoding: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", level: .medium)
        var dumped = ""
        dump(code, to: &dumped)
        #expect(!dumped.contains("true") && !dumped.contains("modules:"))
        #expect(code.description.hasPrefix("QRCode(version"))
        #expect(!String(reflecting: code).contains("JBSW"))
        #expect(Mirror(reflecting: code).children.count == 4)
    }

    @Test("Reed-Solomon matches the worked example of ISO/IEC 18004 annex I (1-M, \"01234567\")")
    func reedSolomon() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        let ec = ReedSolomon.remainder(of: data, generator: ReedSolomon.generator(degree: 10))
        #expect(ec == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("The capacity formula matches the modules the matrix leaves for data, for every version")
    func rawModules() {
        for version in 1...40 {
            let matrix = QRMatrix(version: version)
            #expect(matrix.dataModuleCount == QRCapacity.rawDataModules(version: version), "version \(version)")
        }
    }
}
