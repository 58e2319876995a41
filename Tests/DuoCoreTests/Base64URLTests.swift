import DuoCore
import Foundation
import Testing

struct Base64URLTests {
    @Test("RFC 4648 test vectors, URL alphabet, no padding", arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesURLAlphabet() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == bytes)
    }

    @Test func encodingMatchesFoundationForRandomBytesOfEveryLength() throws {
        // Foundation's base64 is the oracle (alphabet swapped, padding removed for base64url;
        // kept for the standard alphabet of Basic credentials), appended after existing bytes.
        var generator = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let standard = Data(bytes).base64EncodedString()
            let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == url)
            #expect(try Base64URL.decode(url) == bytes)
            var appended: [UInt8] = [0x2A, 0x2B]
            Base64URL.append(bytes, to: &appended)
            #expect(appended == [0x2A, 0x2B] + Array(url.utf8))
            var basic: [UInt8] = [0x2A]
            Base64URL.appendStandardBase64(bytes, to: &basic)
            #expect(basic == [0x2A] + Array(standard.utf8))
        }
    }

    @Test func hexMatchesFormattedDigitsForEveryByteAndLength() {
        // Against per-byte formatting, as a String and appended to bytes.
        var generator = SystemRandomNumberGenerator()
        let every = (0...255).map { UInt8($0) }
        for bytes in [every] + (0..<130).map({ length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }) {
            let expected = bytes.map { String(format: "%02x", $0) }.joined()
            #expect(Hex.encode(bytes) == expected)
            var appended: [UInt8] = [0x2A]
            Hex.append(bytes, to: &appended)
            #expect(appended == [0x2A] + Array(expected.utf8))
        }
    }

    @Test func roundTripsEveryLengthAndByte() throws {
        var bytes: [UInt8] = []
        for length in 0..<70 {
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            bytes.append(UInt8(truncatingIfNeeded: length &* 37 &+ 11))
        }
        let all = (0...255).map { UInt8($0) }
        #expect(try Base64URL.decode(Base64URL.encode(all)) == all)
    }

    @Test("Refused input", arguments: [
        "Zg==",      // padding
        "Zm9v=",     // padding
        "Zm+v",      // standard alphabet '+'
        "Zm/v",      // standard alphabet '/'
        "Zm9 v",     // whitespace
        "Zm9v\n",    // newline
        "Z",         // length 1 mod 4
        "Zm9vY",     // length 1 mod 4
        "Zh",        // 'h' leaves non-zero unused bits: non-canonical for "f"
        "Zm9",       // non-canonical: 'Zm8' is the canonical encoding of "fo"
        "Zm\u{00E9}v", // non-ASCII
    ])
    func refusesNonStrictInput(text: String) {
        #expect(throws: DuoError.invalidBase64URL) { try Base64URL.decode(text) }
    }

    @Test func foundationAcceptsWhatWeRefuse() throws {
        // The reason for a strict decoder: Foundation decodes a non-canonical last character.
        #expect(Data(base64Encoded: "Zh==") == Data("f".utf8))
        #expect(throws: DuoError.invalidBase64URL) { try Base64URL.decode("Zh") }
    }

    @Test func errorNamesTheProblem() {
        do {
            _ = try Base64URL.decode("ab=c")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason?.contains("padding") == true)
            #expect(error.recoverySuggestion?.isEmpty == false)
        }
    }

    @Test func hexRoundTrip() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.decode("000FA5ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    /// A symbol-at-a-time strict decoder written from RFC 4648, the oracle for mutated text.
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

    @Test func theDecoderAgreesWithTheReferenceOnRandomAndMutatedText() {
        var generator = SystemRandomNumberGenerator()
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/. ".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = Array(Base64URL.encode((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }).utf8)
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
}
