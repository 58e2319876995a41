@testable import DuoCore
import Foundation
import Testing

/// The rewritten hot-path primitives (issue 8) against simple references: the quad-at-a-time
/// base64url decoder against a symbol-at-a-time one, the ordered claims writer against the
/// signer's `JSONEncoder`, and random values drawn a chunk at a time.
struct SpeedPathEquivalenceTests {
    /// A symbol-at-a-time strict decoder, the shape of the one the fast decoder replaced.
    static func referenceDecode(_ text: [UInt8]) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        guard text.count % 4 != 1 else { return nil }
        var output: [UInt8] = [], accumulator: UInt32 = 0, pending = 0
        for symbol in text {
            guard let value = alphabet.firstIndex(of: symbol) else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            pending += 1
            if pending == 4 {
                output += [UInt8(truncatingIfNeeded: accumulator >> 16), UInt8(truncatingIfNeeded: accumulator >> 8), UInt8(truncatingIfNeeded: accumulator)]
                accumulator = 0
                pending = 0
            }
        }
        if pending == 2 {
            guard accumulator & 0x0F == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        } else if pending == 3 {
            guard accumulator & 0x03 == 0 else { return nil }
            output += [UInt8(truncatingIfNeeded: accumulator >> 10), UInt8(truncatingIfNeeded: accumulator >> 2)]
        }
        return output
    }

    @Test func byteSearchAgreesWithFirstIndex() {
        // memchr-based search against the collection's own firstIndex, from every start offset
        // (including the end and past it) of random buffers with few and many matches.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 44...48, using: &generator) }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...(buffer.count + 1) {
                    let expected = start <= buffer.count ? buffer[start...].firstIndex(of: 46) : nil
                    #expect(ByteSearch.firstIndex(of: 46, in: buffer, from: start) == expected)
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { ByteSearch.firstIndex(of: 46, in: $0, from: 0) } == nil)
    }

    @Test func theDecoderAgreesWithTheReferenceOnRandomAndMutatedText() {
        var generator = SystemRandomNumberGenerator()
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/. ".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = Base64URL.encodeToBytes((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            // Mostly valid text; sometimes one symbol swapped for any symbol, valid or not.
            if !text.isEmpty, Bool.random(using: &generator) {
                text[Int.random(in: 0..<text.count, using: &generator)] = symbols.randomElement(using: &generator) ?? 0x41
            }
            #expect((try? Base64URL.decode(bytes: text)) == Self.referenceDecode(text), "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func theDecoderNamesTheFirstBadSymbolsPosition() {
        for position in 0..<12 {
            var text = Array("AAAAAAAAAAAA".utf8)
            text[position] = UInt8(ascii: "*")
            if position < 11 { text[11] = UInt8(ascii: "=") }
            #expect(throws: DuoError.self) { try Base64URL.decode(bytes: text) }
            let reason = (try? Base64URL.decode(bytes: text)) == nil ? Self.reason(text) : nil
            #expect(reason?.contains("byte 0x2a") == true)
            #expect(reason?.contains("(position \(position))") == true)
        }
    }

    static func reason(_ text: [UInt8]) -> String? {
        do { _ = try Base64URL.decode(bytes: text); return nil } catch { return error.reason }
    }

    @Test func theOrderedWriterMatchesTheSignersEncoder() throws {
        struct Claims: Encodable {
            let aud: String, exp: Int64, flag: Bool, iss: String?, max_age: Int?
        }
        var generator = SystemRandomNumberGenerator()
        let printable = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        for round in 0..<300 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in printable.randomElement(using: &generator) ?? "a" })
            let claims = Claims(aud: text, exp: Int64.random(in: Int64.min...Int64.max, using: &generator), flag: round.isMultiple(of: 2),
                                iss: round.isMultiple(of: 3) ? nil : text + "/", max_age: round.isMultiple(of: 5) ? nil : Int.random(in: -1000...1000, using: &generator))
            var writer = OrderedJSONObjectWriter(capacity: 16)
            writer.add("aud", claims.aud)
            writer.add("exp", claims.exp)
            writer.add("flag", claims.flag)
            writer.add("iss", claims.iss)
            writer.add("max_age", claims.max_age)
            let expected = try JWTSigner.makeEncoder().encode(claims)
            #expect(writer.bytes() == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
        for value in [Int64.min, Int64.max, 0, -1, 10, 1_767_225_600] {
            var writer = OrderedJSONObjectWriter(capacity: 0)
            writer.add("n", value)
            #expect(writer.bytes() == Array("{\"n\":\(value)}".utf8))
        }
    }

    @Test func theOrderedWriterDeclinesWhatItCannotMatch() {
        for value in ["é", "new\nline", "\u{7F}", "tab\t"] {
            var writer = OrderedJSONObjectWriter(capacity: 0)
            writer.add("a", value)
            #expect(writer.bytes() == nil)
        }
        var unordered = OrderedJSONObjectWriter(capacity: 0)
        unordered.add("b", "x")
        unordered.add("a", "y")
        #expect(unordered.bytes() == nil)
        var repeated = OrderedJSONObjectWriter(capacity: 0)
        repeated.add("a", "x")
        repeated.add("a", "y")
        #expect(repeated.bytes() == nil)
        var quotedKey = OrderedJSONObjectWriter(capacity: 0)
        quotedKey.add("a\"", true)
        #expect(quotedKey.bytes() == nil)
    }

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
        var buffer = [UInt8](repeating: 0, count: 600)
        buffer.withUnsafeMutableBytes { SystemEntropy.fill($0) }
        #expect(buffer[512...].contains { $0 != 0 })
        #expect(buffer[256..<512].contains { $0 != 0 })
        #expect(Set(buffer).count > 100)
    }
}
