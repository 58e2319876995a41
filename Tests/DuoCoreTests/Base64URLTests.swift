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

    @Test func encodingMatchesFoundationForRandomBytesOfEveryLength() {
        // The pair-table encoder against Foundation's base64 (alphabet swapped, padding removed
        // for base64url; kept for the standard alphabet of Basic credentials), appended after
        // existing bytes so that the write offset is exercised too.
        var generator = SystemRandomNumberGenerator()
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let standard = Data(bytes).base64EncodedString()
            let url = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == url)
            var appended: [UInt8] = [0x2A, 0x2B]
            Base64URL.append(bytes, to: &appended)
            #expect(appended == [0x2A, 0x2B] + Array(url.utf8))
            var basic: [UInt8] = [0x2A]
            bytes.withUnsafeBytes { Base64URL.appendStandardBase64($0, to: &basic) }
            #expect(basic == [0x2A] + Array(standard.utf8))
            // The pointer writer (request signing) writes the same padded symbols, and no more.
            var written = [UInt8](repeating: 0x2A, count: standard.utf8.count + 2)
            let count = bytes.withUnsafeBytes { input in
                written.withUnsafeMutableBytes { output in
                    output.baseAddress.map { Base64URL.writeStandardBase64(of: input, to: $0 + 1) } ?? -1
                }
            }
            #expect(count == standard.utf8.count)
            #expect(written == [0x2A] + Array(standard.utf8) + [0x2A])
            var digits = [UInt8](repeating: 0x2A, count: 2 * length + 2)
            bytes.withUnsafeBytes { input in
                digits.withUnsafeMutableBytes { output in output.baseAddress.map { Hex.writeDigits(of: input, to: $0 + 1) } }
            }
            #expect(digits == [0x2A] + Array(Hex.encode(bytes).utf8) + [0x2A])
        }
    }

    @Test func hexMatchesFormattedDigitsForEveryByteAndLength() {
        // The digit-pair table against per-byte formatting, as a String and appended to bytes.
        var generator = SystemRandomNumberGenerator()
        let every = (0...255).map { UInt8($0) }
        for bytes in [every] + (0..<130).map({ length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }) {
            let expected = bytes.map { String(format: "%02x", $0) }.joined()
            #expect(Hex.encode(bytes) == expected)
            var appended: [UInt8] = [0x2A]
            bytes.withUnsafeBytes { Hex.append($0, to: &appended) }
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
}
