@testable import DuoCore
import Testing

/// Generated state, nonce and `jti` values: length, alphabet, uniformity, and the entropy source.
struct SecureRandomTests {
    @Test(arguments: [1, 2, 35, 36, 37, 47, 48, 49, 100, 1024])
    func randomStringsHaveTheLengthAndAlphabetAskedFor(_ length: Int) throws {
        let text = try SecureRandom.alphanumericString(length: length)
        #expect(text.utf8.count == length)
        #expect(text.utf8.allSatisfy { SecureRandom.alphanumerics.contains($0) })
    }

    @Test func randomStringsUseEverySymbolAboutEqually() throws {
        // 62 symbols, 62 000 draws: each about 1000 times; 800...1200 is more than 6 sigma wide.
        var counts = [Int](repeating: 0, count: 256)
        for byte in try SecureRandom.alphanumericString(length: 62_000).utf8 { counts[Int(byte)] += 1 }
        for symbol in SecureRandom.alphanumerics { #expect((800...1200).contains(counts[Int(symbol)]), "\(symbol)") }
    }

    @Test func systemEntropyFillsLargeBuffersCompletely() {
        // 600 bytes take three getentropy calls (256-byte limit); a zeroed tail would show.
        let buffer = SystemEntropy.bytes(600)
        #expect(buffer.count == 600)
        #expect(buffer[512...].contains { $0 != 0 })
        #expect(buffer[256..<512].contains { $0 != 0 })
        #expect(Set(buffer).count > 100)
    }
}
