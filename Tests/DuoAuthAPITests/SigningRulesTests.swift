import DuoAuthAPI
import DuoCore
import Foundation
import Testing

/// Duo's signing rules written out plainly (percent-encode, sort by bytes, join; Python's
/// `json.dumps(sort_keys=True, separators=(",", ":"))`), checked against the signer on inputs
/// with escapes, non-ASCII text and repeated names.
struct SigningRulesTests {
    /// Names and values that exercise escaping, multi-byte UTF-8 and ordering ties.
    static let words = ["a", "A", "b", "a b", "a=b&c", "é", "e\u{301}", "日本", "~-._", "%41", "+", "", "zz", "a\u{0}b", "😀", "\"q\\"]

    /// Duo's canonical parameter rule: encode each name and value, sort by bytes, join.
    static func referenceCanonical(_ pairs: [(String, String)]) -> String {
        pairs.map { (PercentEncoding.encode($0.0), PercentEncoding.encode($0.1)) }
            .sorted { lhs, rhs in
                if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
                return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
            }
            .map { $0.0 + "=" + $0.1 }
            .joined(separator: "&")
    }

    @Test func authorizationFromPartsKeepsTheHeaderChecks() throws {
        let ikey = try IntegrationKey("DIAUTHTESTINTEGRATE1")
        let secret = try SecretKey("authtestsecretkeyauthtestsecretkeyauth01")
        let v5 = DuoRequestSigner(integrationKey: ikey, secretKey: secret, version: .v5)
        let v2 = DuoRequestSigner(integrationKey: ikey, secretKey: secret, version: .v2)
        for headers in [[("Authorization", "x")], [("X-Duo-A", "a\u{0}")], [("X-Duo-A", "1"), ("x-duo-a", "2")]] {
            #expect(throws: DuoAuthError.self) {
                try v5.authorization(date: "d", method: "GET", host: "h", path: "/p", canonicalParameters: "", xDuoHeaders: headers)
            }
        }
        #expect(throws: DuoAuthError.self) {
            try v2.authorization(date: "d", method: "GET", host: "h", path: "/p", canonicalParameters: "", xDuoHeaders: [("X-Duo-A", "1")])
        }
    }

    @Test func canonicalParametersFollowTheRule() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let count = Int.random(in: 0...7, using: &generator)
            let pairs = (0..<count).map { _ in
                (Self.words.randomElement(using: &generator) ?? "", Self.words.randomElement(using: &generator) ?? "")
            }
            #expect(DuoParameters(pairs).canonicalString == Self.referenceCanonical(pairs), "\(pairs)")
        }
    }

    /// Python's `json.dumps(params, sort_keys=True, separators=(",", ":"))` written out plainly:
    /// keys grouped by their UTF-8 bytes (Python compares code points, not canonical
    /// equivalence), sorted by code point, one value as a string, repeats as an array.
    static func referenceJSON(_ pairs: [(String, String)]) -> String {
        var grouped: [(String, [String])] = []
        for (name, value) in pairs {
            if let index = grouped.firstIndex(where: { Array($0.0.utf8) == Array(name.utf8) }) { grouped[index].1.append(value) } else { grouped.append((name, [value])) }
        }
        func quoted(_ text: String) -> String {
            var out = "\""
            for unit in text.utf16 {
                switch unit {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
                default: out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16)
                }
            }
            return out + "\""
        }
        let members = grouped.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }.map { name, values in
            quoted(name) + ":" + (values.count == 1 ? quoted(values[0]) : "[" + values.map(quoted).joined(separator: ",") + "]")
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    @Test func jsonBodyMatchesThePlainReference() {
        // The encoder against the reference on random pairs of the test words and plain
        // identifiers: plain text, escapes, repeats, many pairs.
        var generator = SystemRandomNumberGenerator()
        let plain = ["username", "alice.benchmark", "factor", "push", "device", "auto", "async", "1", "a b=c&d", "", "Z", "~"]
        for round in 0..<400 {
            let source = round % 2 == 0 ? plain : plain + Self.words
            let count = round % 50 == 0 ? 20 : Int.random(in: 0...7, using: &generator)
            let pairs = (0..<count).map { _ in
                (source.randomElement(using: &generator) ?? "", source.randomElement(using: &generator) ?? "")
            }
            #expect(String(decoding: DuoJSONBody.encode(DuoParameters(pairs)), as: UTF8.self) == Self.referenceJSON(pairs), "\(pairs)")
        }
    }

    @Test func jsonBodyKeepsCanonicallyEquivalentNamesApart() {
        // A precomposed and a decomposed "é" are one Swift dictionary key but two names for Duo's
        // Python client: two members, in code point order, each with its own value. The
        // expected text is Python's `json.dumps({"\u00e9": "1", "e\u0301": "2"}, sort_keys=True,
        // separators=(",", ":"))`.
        let body = DuoJSONBody.encode(DuoParameters([("\u{E9}", "1"), ("e\u{301}", "2")]))
        #expect(String(decoding: body, as: UTF8.self) == #"{"e\u0301":"2","\u00e9":"1"}"#)
        let repeated = DuoJSONBody.encode(DuoParameters([("\u{E9}", "1"), ("e\u{301}", "2"), ("\u{E9}", "3")]))
        #expect(String(decoding: repeated, as: UTF8.self) == #"{"e\u0301":"2","\u00e9":["1","3"]}"#)
    }

    @Test func jsonBodySortsByCodePointAndGroupsRepeats() {
        let body = DuoJSONBody.encode(DuoParameters([("b", "1"), ("a", "x"), ("B", "y"), ("😀", "s"), ("日", "t")]))
        #expect(String(decoding: body, as: UTF8.self) == "{\"B\":\"y\",\"a\":\"x\",\"b\":\"1\",\"\\u65e5\":\"t\",\"\\ud83d\\ude00\":\"s\"}")
        let repeated = DuoJSONBody.encode(DuoParameters([("b", "1"), ("a", "x"), ("b", "2")]))
        #expect(String(decoding: repeated, as: UTF8.self) == "{\"a\":\"x\",\"b\":[\"1\",\"2\"]}")
    }

    @Test func canonicalStringNormalisesMethodAndHost() throws {
        let canonical = try DuoRequestSigner.canonicalString(
            date: "Thu, 01 Jan 2026 00:00:45 -0000", method: "post", host: "API-X.duosecurity.com", path: "/p",
            canonicalParameters: "a=1", body: Array("{}".utf8), version: .v5)
        let lines = canonical.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7)
        #expect(lines[1] == "POST" && lines[2] == "api-x.duosecurity.com" && lines[4] == "a=1")
        #expect(String(lines[5]) == Hex.encode(HashAlgorithm.sha512.hash(Array("{}".utf8))))
        #expect(String(lines[6]) == DuoRequestSigner.emptySHA512Hex)
        let v2 = try DuoRequestSigner.canonicalString(
            date: "d", method: "GET", host: "h", path: "/p", canonicalParameters: "", version: .v2)
        #expect(v2 == "d\nGET\nh\n/p\n")
    }
}
