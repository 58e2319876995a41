import DuoOTP
import Testing

/// Bounded, seeded mutation tests: hostile URIs and Base32 text never crash, never
/// half-succeed, and whatever is accepted formats and parses back to the same account.
struct HostileInputTests {
    /// SplitMix64: a small deterministic generator so a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds = [
        "otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60",
        "otpauth://hotp/Text%3A%20More:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Text%3A%20More&counter=18446744073709551615",
        "otpauth://totp/Google%3Afoo%40example.com?secret=jbsw+y3dp%3D%3D&issuer=Google#frag",
        "OTPAUTH://TOTP/%C3%9Cber:j%C3%BCrgen?secret=ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU&image=x&image=y",
    ]

    static let pieces = [":", "%", "%3A", "%3a", "%ZZ", "%C3", "%FF", "&", "=", "?", "#", "/", "+", " ", "secret=", "issuer=", "digits=", "period=", "counter=", "algorithm=", "0", "9", "A", "é", "\u{0}", "18446744073709551616", "-1", "SHA512", "=="]

    @Test func mutatedURIsAreParsedOrRefusedCleanly() throws {
        var random = SeededGenerator(state: 0x5EED_0715)
        var accepted = 0, refused = 0
        for iteration in 0..<4000 {
            var text = Array(Self.seeds[iteration % Self.seeds.count])
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0...text.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < text.count: text.remove(at: position)
                case 1: text.insert(contentsOf: Self.pieces.randomElement(using: &random) ?? "", at: position)
                default:
                    let end = min(text.count, position + Int.random(in: 1...6, using: &random))
                    text.replaceSubrange(position..<end, with: Self.pieces.randomElement(using: &random) ?? "")
                }
            }
            let uri = String(text)
            do {
                let parsed = try OTPAuthURI(parsing: uri)
                accepted += 1
                #expect((6...8).contains(parsed.digits))
                #expect(parsed.secret.byteCount > 0)
                if let period = parsed.period { #expect(period >= 1) }
                #expect(!parsed.account.hasPrefix(" "))
                let again = try OTPAuthURI(parsing: parsed.uriString)
                #expect(again.kind == parsed.kind && again.account == parsed.account && again.issuer == parsed.issuer, "\(uri)")
                #expect(again.secret == parsed.secret && again.algorithm == parsed.algorithm && again.digits == parsed.digits, "\(uri)")
            } catch {
                refused += 1
                #expect(!error.detail.isEmpty)
            }
        }
        // The mutations must exercise both outcomes, or the test proves nothing.
        #expect(accepted > 100 && refused > 100)
    }

    @Test func randomBase32TextDecodesConsistently() throws {
        var random = SeededGenerator(state: 0xBA5E_32)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567  ==018-é")
        var decoded = 0
        for _ in 0..<5000 {
            let text = String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "A" })
            guard let bytes = try? Base32.decode(text) else { continue }
            decoded += 1
            var symbols = text.filter { $0 != " " }
            while symbols.hasSuffix("=") { symbols.removeLast() }
            #expect(bytes.count == symbols.count * 5 / 8, "\(text)")
            #expect(try Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(decoded > 100)
    }
}
