@testable import DuoCore
import Foundation
import Testing

/// DuoCore's one JSON reader: every document from outside goes through it, so each refusal
/// here is a refusal of every id_token, token answer, health check and Auth API answer.
struct JSONReaderTests {
    private func reads(_ text: String) -> Bool { (try? JSONReader.read(Array(text.utf8))) != nil }

    @Test(arguments: [
        #"{"stat":"OK","response":{"a":1},"response":[1]}"#,       // a repeated response
        #"{"stat":"OK","stat":"FAIL"}"#,
        #"{"auth_result":{"result":"allow"},"auth_result":{"result":"deny"}}"#,
        #"{"a":{"b":1,"c":2,"b":3}}"#,                              // nested object
        #"[{"a":1},{"a":2,"x":[{"k":1,"k":1}]}]"#,                 // inside arrays
        #"{"a":1,"\u0061":2}"#,                                     // the same key, escaped
        #"{"a\"b":1,"a\u0022b":2}"#,                                // escaped quote both ways
        #"{"\ud83d\ude00":1,"😀":2}"#,                              // surrogate pair vs UTF-8
        #"{"x":"\"}{\"","y":1,"y":2}"#,                              // braces inside a string value
        "{\"\u{E9}\":1,\"e\u{301}\":2}",                             // one key for a [String: JSONValue]
    ])
    func repeatedKeysAreRefused(text: String) {
        #expect(!reads(text), "\(text)")
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(Array(text.utf8)) }
    }

    @Test(arguments: [
        #"{"stat":"OK","response":{"stat":"inner","response":1}}"#, // same names, different objects
        #"[{"a":1},{"a":2}]"#,
        #"{"a":{"b":1},"c":{"b":1}}"#,
        #"{"a":"a","b":"a","c":["a","a"]}"#,                         // repeated values, not keys
        #"{"a":1,"A":2,"a ":3,"\u00e9":4}"#,                         // distinct keys
        #"{"k\\":1,"k":2}"#,                                        // backslash escape
        #"{}"#, #"[]"#, #""text""#, #"1"#, #" { "b" : [1, -2, true, false, null, "x"] , "a" : {"c":{}} } "#,
        #"{"nested":[[[]],[{}]]}"#, #"{"":""}"#,
    ])
    func wellFormedDocumentsAreRead(text: String) {
        #expect(reads(text), "\(text)")
    }

    @Test(arguments: [
        #"{"a":1"#, "{\"a\":\"x\u{1}y\"}", "{\"a\":\"tab\there\"}", #"{"a":"\ud800"}"#, #"{"a":"\udc00x"}"#,
        #"{"a":"\x"}"#, #"{"a":1} x"#, #"{"a":tru}"#, #"{a:1}"#, #"{"a":1,}"#, #"[1,]"#, #"{"a":01}"#,
        #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":-}"#, #"{"a":1e400}"#, #"{"a":"\u12"}"#, "", "  ",
        String(repeating: "{\"a\":", count: 40) + "1" + String(repeating: "}", count: 40),
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
    ])
    func textThatIsNotStrictJSONIsRefused(text: String) {
        #expect(!reads(text), "\(text.prefix(60))")
    }

    @Test func invalidUTF8IsRefused() {
        for bytes: [UInt8] in [[0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE6, 0x22, 0x7D],
                               [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect((try? JSONReader.read(bytes)) == nil, "\(bytes)")
        }
    }

    @Test func depthIsBoundedAndTheBoundItselfIsRead() {
        let deep = JSONReader.maximumDepth
        #expect(reads(String(repeating: "[", count: deep) + String(repeating: "]", count: deep)))
        #expect(!reads(String(repeating: "[", count: deep + 1) + String(repeating: "]", count: deep + 1)))
    }

    @Test func oversizedDocumentsAreRefusedBeforeReading() throws {
        let text = Array(#"{"a":"\#(String(repeating: "x", count: 100))"}"#.utf8)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.read(text, maximumLength: 50) }
        #expect(try JSONReader.readObject(text, maximumLength: text.count)["a"]?.stringValue?.count == 100)
        #expect(throws: JSONReader.Failure.self) {
            try JSONReader.read(Array(repeating: 0x20, count: JSONReader.defaultMaximumLength + 1))
        }
    }

    @Test func valuesAreWhatTheTextSays() throws {
        let object = try JSONReader.readObject(Array(#"{"s":"quote \" backslash \\ slash \/ controls \b\f\n\r\t unicode \u00e9 \ud83d\ude00 raw é","big":9223372036854775807,"small":-9223372036854775808,"over":9223372036854775808,"f":1.5,"e":-2E3,"z":-0,"t":true,"n":null}"#.utf8))
        #expect(object["s"] == .string("quote \" backslash \\ slash / controls \u{8}\u{C}\n\r\t unicode é 😀 raw é"))
        #expect(object["big"] == .integer(.max))
        #expect(object["small"] == .integer(.min))
        #expect(object["over"] == .double(9223372036854775808))
        #expect(object["f"] == .double(1.5))
        #expect(object["e"] == .double(-2000))
        #expect(object["z"] == .integer(0))
        #expect(object["t"] == .bool(true))
        #expect(object["n"] == .null)
        // Foundation agrees on every value of a document inside the common ground.
        let text = #"{"a":[1,-2,"x",{"b":null}],"c":"\u00e9\n"}"#
        #expect(try JSONReader.read(Array(text.utf8)) == JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    @Test func readObjectRefusesOtherDocuments() {
        for text in [#"[1]"#, #""s""#, "1", "null"] {
            #expect(throws: JSONReader.Failure.self) { try JSONReader.readObject(Array(text.utf8)) }
        }
    }

    @Test func failuresNameTheProblemNotTheText() {
        do {
            _ = try JSONReader.read(Array(#"{"secret-value":1,"secret-value":2}"#.utf8))
            Issue.record("a repeated key was read")
        } catch {
            #expect(error.reason.contains("repeated"))
            #expect(!error.reason.contains("secret-value"))
        }
    }

    @Test func theWriterWritesWhatTheReaderReads() throws {
        let value: JSONValue = .object(["b": .array([.integer(1), .double(2.5), .null, .bool(false)]), "a": .string("q\"\\/\n\u{1}é"), "": .object([:])])
        var bytes: [UInt8] = []
        JSONWriter.write(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"":{},"a":"q\"\\/\n\u0001é","b":[1,2.5,null,false]}"#)
        #expect(try JSONReader.read(bytes) == value)
        var ascii: [UInt8] = []
        JSONWriter.write(.string("é😀\u{7F}"), escaping: .ascii, to: &ascii)
        #expect(String(decoding: ascii, as: UTF8.self) == #""\u00e9\ud83d\ude00\u007f""#)
    }
}
