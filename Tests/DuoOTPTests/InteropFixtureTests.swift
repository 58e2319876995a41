import DuoCore
import DuoOTP
import Foundation
import Testing

/// Several hundred cases computed by pyotp and an independent hashlib implementation
/// (Scripts/make-otp-fixtures.py): SHA1/256/512, 6–8 digits, periods 1–90, times up to 2^35,
/// counters up to 2^64−1, keys of 10 to 130 bytes.
struct InteropFixtureTests {
    struct Case: Decodable, Sendable {
        let type: String
        let time: UInt64?
        let period: UInt64?
        let counter: String?
        let secret: String
        let key_hex: String
        let algorithm: String
        let digits: Int
        let code: String
    }

    struct Document: Decodable { let cases: [Case] }

    static func load() throws -> [Case] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/otp-interop.json", withExtension: nil))
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url)).cases
    }

    @Test func everyCaseMatches() throws {
        let cases = try Self.load()
        #expect(cases.count >= 500)
        var checked = 0
        for (index, item) in cases.enumerated() {
            let secret = try OTPSecret(base32: item.secret)
            #expect(secret.bytes == Hex.decode(item.key_hex), "case \(index): Base32 decoding")
            let algorithm = try #require(OTPAlgorithm(name: item.algorithm))
            if item.type == "totp" {
                let totp = try TOTPGenerator(secret: secret, algorithm: algorithm, digits: item.digits, period: try #require(item.period))
                #expect(totp.code(at: try #require(item.time)) == item.code, "case \(index)")
            } else {
                let hotp = try HOTPGenerator(secret: secret, algorithm: algorithm, digits: item.digits)
                let counterText = try #require(item.counter)
                let counter = try #require(UInt64(counterText))
                #expect(hotp.code(counter: counter) == item.code, "case \(index)")
            }
            checked += 1
        }
        #expect(checked == cases.count)
    }

    @Test func fixtureCoversTheRequiredRanges() throws {
        let cases = try Self.load()
        #expect(Set(cases.map(\.algorithm)) == ["SHA1", "SHA256", "SHA512"])
        #expect(Set(cases.map(\.digits)) == [6, 7, 8])
        #expect(cases.contains { $0.time == 1 << 35 })
        #expect(cases.contains { $0.counter == String(UInt64.max) })
        #expect(cases.contains { $0.key_hex.count == 20 })   // 10-byte (80-bit) key
        #expect(cases.contains { $0.key_hex.count > 256 })   // longer than the SHA-512 block
        #expect(Set(cases.compactMap(\.period)).isSuperset(of: [15, 30, 60, 90]))
    }
}
