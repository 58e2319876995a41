@testable import DuoQR
import Foundation
import Testing

/// The module matrices segno (an independent Python encoder) makes for fixed payloads, versions,
/// levels and masks (Scripts/make-qr-fixtures.py), reproduced bit for bit.
struct SegnoMatrixTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let version: Int
            let level: String
            let mask: Int
            let mode: String
            let payloadHex: String
            let rows: [String]
        }
        let generator: String
        let cases: [Case]
    }

    static let fixture: Fixture? = {
        guard let url = Bundle.module.url(forResource: "segno-matrices", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Fixture.self, from: data)
    }()

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }

    @Test("The fixture file covers versions 1 to 40, every level, mode and mask")
    func fixtureCoverage() throws {
        let fixture = try #require(Self.fixture)
        #expect(Set(fixture.cases.map(\.level)) == ["L", "M", "Q", "H"])
        #expect(Set(fixture.cases.map(\.mode)) == ["numeric", "alphanumeric", "byte"])
        #expect(Set(fixture.cases.map(\.mask)) == Set(0...7))
        #expect(fixture.cases.contains { $0.version == 1 } && fixture.cases.contains { $0.version == 40 })
        #expect(fixture.cases.count >= 30)
    }

    @Test("Every fixed case matches segno module for module")
    func matricesMatch() throws {
        let fixture = try #require(Self.fixture)
        for testCase in fixture.cases {
            let level = try #require(QRErrorCorrection(letter: testCase.level))
            let payload = Self.bytes(hex: testCase.payloadHex)
            let code = try QRCode(encoding: payload, level: level, version: testCase.version, mask: testCase.mask)
            let label = "version \(testCase.version) \(testCase.level) mask \(testCase.mask) \(testCase.mode)"
            #expect(QRSegment(payload).mode == Self.mode(testCase.mode), "\(label)")
            #expect(code.size == testCase.rows.count, "\(label)")
            var differences = 0
            for (y, row) in testCase.rows.enumerated() {
                for (x, bit) in row.utf8.enumerated() where code[x: x, y: y] != (bit == UInt8(ascii: "1")) {
                    differences += 1
                }
            }
            #expect(differences == 0, "\(label): \(differences) modules differ")
        }
    }

    static func mode(_ name: String) -> QRSegment.Mode {
        switch name {
        case "numeric": return .numeric
        case "alphanumeric": return .alphanumeric
        default: return .byte
        }
    }
}
