@testable import DuoWebSDK
import Testing

/// `ArgumentText` answers exactly as `String.count` and `allSatisfy(\.isWhitespace)` do; the
/// ASCII shortcuts must never change a state, nonce or username decision.
struct ArgumentTextTests {
    static let samples: [String] = [
        "", " ", "\t", "\n", "\r", "\r\n", "\r\n\r\n", "a\r\nb", "\n\r", "abc", " abc", "abc ", "~", "!",
        "\u{7F}", "\u{0}", "é", "e\u{301}", "cafe\u{301}-state-value-0123456789", "\u{A0}", "\u{2003}x", "\u{3000}",
        "👩‍👩‍👧", "🇨🇭🇨🇭", "a\u{200D}b", String(repeating: "x", count: 36), String(repeating: "\r\n", count: 20),
        "\u{1F}abc", "a\u{308}\u{308}", "ᄀ각",
    ]

    @Test func characterCountIsStringCount() {
        for sample in Self.samples { #expect(ArgumentText.characterCount(sample) == sample.count, "\(sample.debugDescription)") }
    }

    @Test func characterCountIsStringCountOnRandomASCIIAndMixedText() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", " ", "\r", "\n", "\t", "\u{0}", "\u{7F}", "é", "\u{301}", "\u{200D}", "🇨", "👍"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(ArgumentText.characterCount(text) == text.count, "\(text.debugDescription)")
            #expect(ArgumentText.isBlank(text) == (text.isEmpty || text.allSatisfy(\.isWhitespace)), "\(text.debugDescription)")
        }
    }

    @Test func blankIsEmptyOrAllWhitespace() {
        for sample in Self.samples + ["\u{2028}\u{2029}", " \t\r\n", "\u{85}", "x\u{301}", "!\u{301}"] {
            #expect(ArgumentText.isBlank(sample) == (sample.isEmpty || sample.allSatisfy(\.isWhitespace)), "\(sample.debugDescription)")
        }
    }
}
