import Testing
@testable import DuoCore

/// The slow-path JSON check: well-formed for `JSONSerialization`, and no object repeats a key
/// (a fuzzing finding: `JSONDecoder` keeps a repeated key's first value, `JSONSerialization` and
/// Duo's Python client its last).
struct JSONWellFormednessTests {
    private func check(_ text: String) -> Bool { JSONWellFormedness.isWellFormed(Array(text.utf8)) }

    @Test(arguments: [
        #"{"stat":"OK","response":{"a":1},"response":[1]}"#,       // the fuzzing finding
        #"{"stat":"OK","stat":"FAIL"}"#,
        #"{"a":{"b":1,"c":2,"b":3}}"#,                              // nested object
        #"[{"a":1},{"a":2,"x":[{"k":1,"k":1}]}]"#,                 // inside arrays
        #"{"a":1,"\u0061":2}"#,                                     // the same key, escaped
        #"{"a\"b":1,"a\u0022b":2}"#,                                // escaped quote both ways
        #"{"\ud83d\ude00":1,"😀":2}"#,                              // surrogate pair vs UTF-8
        #"{"x":"\"}{\"","y":1,"y":2}"#,                              // braces inside a string value
    ])
    func repeatedKeysAreRefused(text: String) {
        #expect(!check(text), "\(text)")
    }

    @Test(arguments: [
        #"{"stat":"OK","response":{"stat":"inner","response":1}}"#, // same names, different objects
        #"[{"a":1},{"a":2}]"#,
        #"{"a":{"b":1},"c":{"b":1}}"#,
        #"{"a":"a","b":"a","c":["a","a"]}"#,                         // repeated values, not keys
        #"{"a":1,"A":2,"a ":3,"\u00e9":4}"#,                         // distinct keys
        #"{"k\\":1,"k":2}"#,                                        // backslash escape
        #"{}"#, #"[]"#, #""text""#, #"1"#,
    ])
    func distinctKeysAreAccepted(text: String) {
        #expect(check(text), "\(text)")
    }

    @Test func textThatIsNotJSONIsRefused() {
        #expect(!check(#"{"a":1"#))
        #expect(!check("{\"a\":\"x\u{1}y\"}"))
        #expect(!JSONWellFormedness.isWellFormed([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE6, 0x22, 0x7D]))
    }
}
