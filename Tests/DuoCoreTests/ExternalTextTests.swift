import DuoCore
import Testing

/// The shared helpers behind the security findings: ASCII-only case folding, the one loopback
/// check, and sanitising of text that came from outside.
@Suite("Text from outside, case folding, loopback")
struct ExternalTextTests {
    @Test("control characters, separators and bidi overrides become ?; length is bounded")
    func sanitising() {
        #expect(ExternalText.sanitized("a\r\nb\u{1B}[2J\u{7F}\u{85}c\u{2028}d\u{202E}e") == "a??b?[2J??c?d?e")
        #expect(ExternalText.sanitized("plain text, é and 日本") == "plain text, é and 日本")
        let long = ExternalText.sanitized(String(repeating: "x", count: 10_000), limit: 300)
        #expect(long.count == 301 && long.hasSuffix("…"))
        #expect(ExternalText.sanitized(nil as String?) == nil)
    }

    @Test("ASCII folding leaves every non-ASCII character alone")
    func asciiFolding() {
        #expect("KIM".asciiLowercased == "kim")
        #expect("\u{212A}im".asciiLowercased == "\u{212A}im")
        #expect("İSTANBUL".asciiLowercased == "İstanbul")
        #expect("Authorization".asciiCaseInsensitiveEquals("AUTHORIZATION"))
        #expect(!"\u{212A}".asciiCaseInsensitiveEquals("k"))
        #expect(!"[".asciiCaseInsensitiveEquals("{"))
        #expect(!"@".asciiCaseInsensitiveEquals("`"))
    }

    @Test("loopback is 127/8 as four decimal octets, ::1 in any form, and localhost", arguments: [
        ("127.0.0.1", true), ("127.9.8.7", true), ("::1", true), ("0:0:0:0:0:0:0:1", true), ("0000::0001", true),
        ("localhost", true), ("LocalHost", true),
        ("127.evil.example", false), ("127.0.0.1.example.com", false), ("127.0.0", false), ("127.0.0.256", false),
        ("127.0.0.01a", false), ("127.1", false), ("0177.0.0.1", false), ("::2", false), ("::ffff:127.0.0.1", false),
        ("app.localhost", false), ("localhost.example", false), ("", false), ("1270.0.0.1", false), ("127.0.0.-1", false),
    ])
    func loopback(_ host: String, _ expected: Bool) {
        #expect(LoopbackHost.contains(host) == expected, "\(host)")
    }
}
