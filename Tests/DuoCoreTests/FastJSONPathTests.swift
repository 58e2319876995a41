@testable import DuoCore
import Foundation
import Testing

/// The hot-path JSON helpers must agree with Foundation exactly: the strict parser gives the
/// same `JSONValue` as `JSONDecoder` or declines, and the sorted writer gives the same bytes as
/// the signer's `JSONEncoder` or declines.
struct FastJSONPathTests {
    static let accepted = [
        #"{}"#, #"{"a":1}"#, #" { "b" : [1, -2, true, false, null, "x"] , "a" : {"c":{}} } "#,
        #"{"s":"quote \" backslash \\ slash \/ controls \b\f\n\r\t unicode \u00e9 \ud83d\ude00 raw é"}"#,
        #"{"big":9223372036854775807,"small":-9223372036854775808,"zero":0}"#,
        #"{"nested":[[[]],[{}]]}"#, #"{"":""}"#,
        // Listed member names (returned as ready-made strings), an escaped spelling of one, and
        // near misses that must be made as new strings.
        #"{"iss":"i","au\u0064":1,"preferred_username":"p","preferred_usernamE":2,"auth_contex":{"user":{"name":"n","key":null}},"nonce ":3}"#,
    ]

    @Test func listedMemberNamesComeBackEqualAndOthersDoNot() {
        let names = KnownJSONMemberNames.duo
        for name in KnownJSONMemberNames.duoNames {
            let bytes = Array(name.utf8)
            #expect(bytes.withUnsafeBufferPointer { names.name($0) } == name)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x20
                let found = changed.withUnsafeBufferPointer { names.name($0) }
                #expect(found == nil || found.map { Array($0.utf8) } == changed)
            }
            #expect((bytes + [0x61]).withUnsafeBufferPointer { names.name($0) } == nil)
        }
        #expect([UInt8]().withUnsafeBufferPointer { names.name($0) } == nil)
        #expect(Array(String(repeating: "x", count: 300).utf8).withUnsafeBufferPointer { names.name($0) } == nil)
        // Every document built from listed names parses to what JSONDecoder makes.
        let document = "{" + KnownJSONMemberNames.duoNames.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        #expect(StrictJSONParser.parseObject(Array(document.utf8)) == (try? JSONDecoder().decode([String: JSONValue].self, from: Data(document.utf8))))
        // A repeated listed name is still declined (left to JSONDecoder).
        #expect(StrictJSONParser.parseObject(Array(#"{"iss":1,"iss":2}"#.utf8)) == nil)
    }

    @Test(arguments: accepted)
    func theStrictParserMatchesJSONDecoder(_ text: String) throws {
        let fast = try #require(StrictJSONParser.parseObject(Array(text.utf8)))
        let slow = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
        #expect(fast == slow)
    }

    static let declined = [
        #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":-0}"#, #"{"a":01}"#, #"{"a":9223372036854775808}"#,
        #"{"a":1,"a":2}"#, #"{"a":"\ud800"}"#, #"{"a":"\x"}"#, "{\"a\":\"tab\there\"}", #"{"a":1"#,
        #"{"a":1} x"#, #"[1]"#, #""s""#, #"{"a":tru}"#, #"{a:1}"#, #"{"a":1,}"#,
        String(repeating: "{\"a\":", count: 40) + "1" + String(repeating: "}", count: 40),
    ]

    @Test(arguments: declined)
    func theStrictParserDeclinesEverythingElse(_ text: String) {
        #expect(StrictJSONParser.parseObject(Array(text.utf8)) == nil)
    }

    @Test func theStrictParserDeclinesInvalidUTF8() {
        #expect(StrictJSONParser.parseObject([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) == nil)
    }

    struct Claims: Encodable {
        var values: [String: String]
        var number: Int64
        var flag: Bool
        func encode(to encoder: any Encoder) throws {
            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in values { try container.encode(value, forKey: Key(stringValue: key)) }
            try container.encode(number, forKey: Key(stringValue: "n_number"))
            try container.encode(flag, forKey: Key(stringValue: "f_flag"))
        }
    }

    @Test func theSortedWriterMatchesTheSignersEncoder() throws {
        var generator = SystemRandomNumberGenerator()
        let printable = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
        for round in 0..<200 {
            var values: [String: String] = [:]
            for index in 0..<Int.random(in: 0...8, using: &generator) {
                let key = "k\(index)_" + String((0..<Int.random(in: 0...6, using: &generator)).map { _ in "abcxyz_".randomElement(using: &generator) ?? "a" })
                values[key] = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in printable.randomElement(using: &generator) ?? "a" })
            }
            let claims = Claims(values: values, number: Int64.random(in: Int64.min...Int64.max, using: &generator), flag: round.isMultiple(of: 2))
            var writer = SortedJSONObjectWriter()
            for (key, value) in values { writer.add(key, value) }
            writer.add("n_number", claims.number)
            writer.add("f_flag", claims.flag)
            let expected = try JWTSigner.makeEncoder().encode(claims)
            #expect(writer.bytes() == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test(arguments: ["é", "new\nline", "\u{7F}", "tab\t"])
    func theSortedWriterDeclinesWhatItCannotMatch(_ value: String) {
        var writer = SortedJSONObjectWriter()
        writer.add("a", value)
        #expect(writer.bytes() == nil)
    }
}
