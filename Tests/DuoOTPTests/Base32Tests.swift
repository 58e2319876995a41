import DuoOTP
import Testing

struct Base32Tests {
    @Test func decodesTheGoogleExample() throws {
        #expect(try Base32.decode("JBSWY3DPEHPK3PXP") == Array("Hello!\u{DE}\u{AD}\u{BE}\u{EF}".unicodeScalars.map { UInt8($0.value) }))
    }

    @Test(arguments: ["jbswy3dpehpk3pxp", "JBSW Y3DP EHPK 3PXP", " jbsw y3dp ehpk 3pxp ", "JBSWY3DPEHPK3PXP", "JBSWY3DPEHPK3PXP====", "JBSWY3DPEHPK3PXP= ="])
    func toleratesCaseSpacesAndPadding(text: String) throws {
        #expect(Base32.encode(try Base32.decode(text)) == "JBSWY3DPEHPK3PXP")
    }

    @Test func paddedAndUnpaddedPartialGroups() throws {
        // 1, 2, 3, 4 bytes take 2, 4, 5, 7 symbols.
        for (text, bytes) in [("MY", [UInt8(ascii: "f")]), ("MZXQ", Array("fo".utf8)), ("MZXW6", Array("foo".utf8)), ("MZXW6YQ", Array("foob".utf8)), ("MZXW6YTB", Array("fooba".utf8)), ("MY======", [UInt8(ascii: "f")])] {
            #expect(try Base32.decode(text) == bytes, "\(text)")
        }
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode([UInt8]()) == "")
    }

    @Test(arguments: ["", " ", "====", "  ==  "])
    func emptyIsRefused(text: String) {
        #expect(throws: Base32Error.empty) { try Base32.decode(text) }
    }

    @Test(arguments: ["JBSWY3DPEHPK3PX0", "JBSWY3DPEHPK3PX1", "JBSWY3DPEHPK3PX8", "JBSWY3DPEHPK3PX9", "JBSW-Y3DP", "JB=SWY3DP", "JBSWY3DPÉHPK3PXP", "JBSW\tY3DP", "JBSWY3DP\n"])
    func badCharactersAreRefused(text: String) {
        #expect(throws: Base32Error.self) { try Base32.decode(text) }
        do { _ = try Base32.decode(text) } catch {
            guard case .invalidCharacter = error else { Issue.record("expected invalidCharacter, got \(error)"); return }
        }
    }

    @Test(arguments: [1, 3, 6, 9, 11, 14])
    func impossibleLengthsAreRefused(length: Int) {
        #expect(throws: Base32Error.invalidLength(symbolCount: length)) { try Base32.decode(String(repeating: "A", count: length)) }
    }

    @Test func leftoverBitsAreIgnoredAndCanonicalFormDiffers() throws {
        // "MZ" carries 10 bits; the last 2 belong to no byte. "MY" is the canonical form.
        #expect(try Base32.decode("MZ") == [UInt8(ascii: "f")])
        #expect(Base32.encode(try Base32.decode("mz")) == "MY")
    }

    @Test func roundTripsEveryLength() throws {
        var generator = SystemRandomNumberGenerator()
        for length in 1...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base32.encode(bytes)
            #expect(text.count == (length * 8 + 4) / 5)
            #expect(try Base32.decode(text) == bytes)
            #expect(try Base32.decode(text.lowercased()) == bytes)
        }
    }

    @Test func errorsNeverRepeatTheText() {
        do { _ = try Base32.decode("SECRETSECRET0SECRET") } catch {
            #expect(!error.description.contains("SECRET"))
            #expect(error.errorDescription?.isEmpty == false)
            #expect(error.recoverySuggestion?.isEmpty == false)
        }
    }
}
