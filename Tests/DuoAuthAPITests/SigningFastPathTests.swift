import DuoAuthAPI
import DuoCore
import Foundation
import Testing

/// The byte-buffer signing paths against straightforward `String` versions of the same rules
/// (the code they replaced), on inputs with escapes, non-ASCII text and repeated names.
struct SigningFastPathTests {
    /// Names and values that exercise escaping, multi-byte UTF-8 and ordering ties.
    static let words = ["a", "A", "b", "a b", "a=b&c", "é", "e\u{301}", "日本", "~-._", "%41", "+", "", "zz", "a\u{0}b", "😀", "\"q\\"]

    /// The old `DuoParameters.canonicalString`: encode to strings, sort, join.
    static func referenceCanonical(_ pairs: [(String, String)]) -> String {
        pairs.map { (PercentEncoding.encode($0.0), PercentEncoding.encode($0.1)) }
            .sorted { lhs, rhs in
                if lhs.0 != rhs.0 { return lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) }
                return lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
            }
            .map { $0.0 + "=" + $0.1 }
            .joined(separator: "&")
    }

    @Test func oneVersusTwoStepAuthorizationAgree() throws {
        // `authorization(forCanonicalString:)` must give exactly what the two public steps give,
        // for every signing version and for canonical strings of any content and length.
        var generator = SystemRandomNumberGenerator()
        let ikey = try IntegrationKey("DIAUTHTESTINTEGRATE1")
        for version in [DuoSignatureVersion.v5, .v2, .v2(.sha1), .v2(.sha256)] {
            let signer = DuoRequestSigner(integrationKey: ikey, secretKey: try SecretKey("authtestsecretkeyauthtestsecretkeyauth01"), version: version)
            for round in 0..<200 {
                let canonical = (0..<(round % 40)).map { _ in Self.words.randomElement(using: &generator) ?? "" }.joined(separator: "\n")
                #expect(signer.authorization(forCanonicalString: canonical) == signer.authorization(signature: signer.signature(of: canonical)))
            }
        }
    }

    @Test func authorizationFromPartsMatchesTheCanonicalStringPath() throws {
        // `authorization(date:method:host:path:...)` writes the canonical request into a
        // temporary buffer; it must give exactly the Authorization of the public canonical
        // string, for every version, lower-case methods, upper-case hosts, bodies, X-Duo headers
        // and long inputs (past the size a stack buffer takes).
        var generator = SystemRandomNumberGenerator()
        let ikey = try IntegrationKey("DIAUTHTESTINTEGRATE1")
        let secret = try SecretKey("authtestsecretkeyauthtestsecretkeyauth01")
        for version in [DuoSignatureVersion.v5, .v2, .v2(.sha1), .v2(.sha256)] {
            let signer = DuoRequestSigner(integrationKey: ikey, secretKey: secret, version: version)
            for round in 0..<150 {
                let words = (0..<(round % 12)).map { _ in Self.words.randomElement(using: &generator) ?? "" }
                let line5 = round % 17 == 0 ? String(repeating: words.joined(), count: 300) : words.joined(separator: "&")
                let body: [UInt8] = version == .v5 && round % 2 == 0 ? Array(words.joined(separator: ",").utf8) : []
                let headers: [(String, String)] = version == .v5 && round % 3 == 0 ? [("X-Duo-B", words.first { !$0.contains("\u{0}") } ?? ""), ("x-duo-a", "1")] : []
                let method = ["GET", "post", "DELETE", "Put"][round % 4]
                let host = ["api-x.duosecurity.com", "API-Y.DuoSecurity.com", "h"][round % 3]
                let canonical = try DuoRequestSigner.canonicalString(
                    date: "Thu, 01 Jan 2026 00:00:45 -0000", method: method, host: host, path: "/auth/v2/\(round)",
                    canonicalParameters: line5, body: body, xDuoHeaders: headers, version: version)
                let fromParts = try signer.authorization(
                    date: "Thu, 01 Jan 2026 00:00:45 -0000", method: method, host: host, path: "/auth/v2/\(round)",
                    canonicalParameters: line5, body: body, xDuoHeaders: headers)
                #expect(fromParts == signer.authorization(forCanonicalString: canonical))
                #expect(fromParts == signer.authorization(signature: signer.signature(of: canonical)))
            }
        }
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

    @Test func percentEncodingWriteMatchesEncode() {
        // The mask test of the pointer writer against `isUnreserved` for every ASCII character,
        // and whole words with multi-byte UTF-8.
        let ascii = (0..<128).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }
        for word in ascii + Self.words + [ascii.joined(), String(repeating: "ü", count: 40)] {
            var buffer = [UInt8](repeating: 0, count: 3 * word.utf8.count + 1)
            let written = buffer.withUnsafeMutableBufferPointer { out in
                out.baseAddress.map { PercentEncoding.write(encoding: word, to: $0) } ?? -1
            }
            #expect(Array(buffer[..<max(written, 0)]) == Array(PercentEncoding.encode(word).utf8), "\(word.unicodeScalars.map(\.value))")
        }
    }

    @Test func percentEncodingAppendMatchesEncode() {
        for word in Self.words + ["otpauth://totp/x?y=z", String(repeating: "ü", count: 40)] {
            var bytes: [UInt8] = [0x2A]
            PercentEncoding.append(encoding: word, to: &bytes)
            #expect(bytes == [0x2A] + Array(PercentEncoding.encode(word).utf8))
            #expect(PercentEncoding.encodedCount(of: word) == PercentEncoding.encode(word).utf8.count)
        }
    }

    @Test func canonicalParametersMatchTheStringVersion() {
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
    /// keys grouped by `==`, sorted by code point, one value as a string, repeats as an array.
    static func referenceJSON(_ pairs: [(String, String)]) -> String {
        var grouped: [(String, [String])] = []
        for (name, value) in pairs {
            if let index = grouped.firstIndex(where: { $0.0 == name }) { grouped[index].1.append(value) } else { grouped.append((name, [value])) }
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
        // Every path of the encoder (plain text and distinct names, escapes, repeats, many pairs)
        // against the reference, on random pairs of the test words and plain identifiers.
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

    @Test func jsonBodyTreatsCanonicallyEquivalentNamesAsOneName() {
        // "é" precomposed and decomposed are one dictionary key, so one JSON name with two values.
        let body = DuoJSONBody.encode(DuoParameters([("\u{E9}", "1"), ("e\u{301}", "2")]))
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix("{\"") && text.hasSuffix("\":[\"1\",\"2\"]}"), "\(text)")
    }

    @Test func jsonBodySortsByCodePointAndGroupsRepeats() {
        let body = DuoJSONBody.encode(DuoParameters([("b", "1"), ("a", "x"), ("B", "y"), ("😀", "s"), ("日", "t")]))
        #expect(String(decoding: body, as: UTF8.self) == "{\"B\":\"y\",\"a\":\"x\",\"b\":\"1\",\"\\u65e5\":\"t\",\"\\ud83d\\ude00\":\"s\"}")
        let repeated = DuoJSONBody.encode(DuoParameters([("b", "1"), ("a", "x"), ("b", "2")]))
        #expect(String(decoding: repeated, as: UTF8.self) == "{\"a\":\"x\",\"b\":[\"1\",\"2\"]}")
    }

    @Test func canonicalStringNormalisesMethodAndHostAsBefore() throws {
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
