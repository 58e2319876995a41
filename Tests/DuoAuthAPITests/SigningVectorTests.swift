import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation
import Testing

/// Every signing vector of the spec (shared/docs/duo-auth-api.md section 6), computed by Duo's
/// own duo-client 5.7.0.
struct SigningVectorTests {
    static let vectors: [[String: JSONValue]] = ((try? fixture("signing-vectors.json"))?["vectors"]?.arrayValue ?? []).compactMap(\.objectValue)

    @Test func theSpecHasNineVectors() {
        #expect(Self.vectors.count == 9)
    }

    @Test(arguments: vectors)
    func vector(_ vector: [String: JSONValue]) throws {
        let name = vector["name"]?.stringValue ?? "?"
        let version: DuoSignatureVersion
        switch (vector["sig_version"]?.integerValue, vector["hmac"]?.stringValue) {
        case (2, "HMAC-SHA1"): version = .v2(.sha1)
        case (2, _): version = .v2
        default: version = .v5
        }
        let params = parameters(vector["params"])
        let method = try #require(vector["method"]?.stringValue)
        let path = try #require(vector["path"]?.stringValue)
        var headers: [(String, String)] = []
        for (key, value) in vector["x_duo_headers"]?.objectValue ?? [:] { headers.append((key, value.stringValue ?? "")) }
        let expectedLines = try #require(vector["canonical_lines"]?.arrayValue).compactMap(\.stringValue)
        let hasBody = method == "POST"
        let body: [UInt8] = (version.number == 5 && hasBody) ? DuoJSONBody.encode(params) : []
        if version.number == 5, hasBody, let wireBody = vector["wire"]?.objectValue?["body"]?.stringValue {
            #expect(String(decoding: body, as: UTF8.self) == wireBody, "\(name): JSON body")
        }
        let line5 = (version.number == 5 && hasBody) ? "" : params.canonicalString
        let canonical = try DuoRequestSigner.canonicalString(date: Doc.date, method: method, host: Doc.host, path: path,
                                                             canonicalParameters: line5, body: body, xDuoHeaders: headers, version: version)
        #expect(canonical == expectedLines.joined(separator: "\n"), "\(name): canonical string")
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Doc.ikey), secretKey: try SecretKey(Doc.skey), version: version)
        let signature = signer.signature(of: canonical)
        #expect(signature == vector["signature_hex"]?.stringValue, "\(name): signature")
        #expect(signer.authorization(signature: signature) == vector["authorization"]?.stringValue, "\(name): Authorization")
        #expect(signer.authorization(forCanonicalString: canonical) == vector["authorization"]?.stringValue, "\(name): one-pass Authorization")
        #expect(signer.isValid(signature: signature, for: canonical))
        #expect(!signer.isValid(signature: String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0"), for: canonical))

        // The whole request as the client sends it carries the same Authorization and Date.
        let request = try signer.signedRequest(method: HTTPRequest.Method(rawValue: method), host: try APIHost(Doc.host), path: path,
                                               parameters: params, date: Doc.dateValue, xDuoHeaders: headers)
        #expect(request.headers["Authorization"] == vector["authorization"]?.stringValue, "\(name): request Authorization")
        #expect(request.headers["Date"] == Doc.date)
        for (key, value) in headers { #expect(request.headers[key] == value) }
        if hasBody {
            #expect(request.headers["Content-Type"] == vector["wire"]?.objectValue?["content_type"]?.stringValue)
            #expect(request.url.query == nil)
        }
    }

    @Test func duoDocumentationExampleHMACSHA1() throws {
        // Duo's documented example: v2, HMAC-SHA1, POST /accounts/v1/account/list.
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Doc.ikey), secretKey: try SecretKey(Doc.skey), version: .v2(.sha1))
        let request = try signer.signedRequest(method: .post, host: try APIHost(Doc.host), path: "/accounts/v1/account/list",
                                               parameters: ["realname": "First Last", "username": "root"], date: Doc.dateValue)
        #expect(request.headers["Authorization"] == "Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6MmQ5N2Q2MTY2MzE5NzgxYjVhM2EwN2FmMzlkMzY2ZjQ5MTIzNGVkYw==")
        #expect(String(decoding: request.body, as: UTF8.self) == "realname=First%20Last&username=root")
    }

    @Test func percentEncodingKnownAnswers() {
        #expect(DuoPercentEncoding.encode("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
            == "%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~")
        #expect(DuoPercentEncoding.encode("\t\n\u{0B}\u{0C}\r ") == "%09%0A%0B%0C%0D%20")
        #expect(DuoPercentEncoding.encode("é日") == "%C3%A9%E6%97%A5")
        let prefix: DuoParameters = ["foo_bar": "2", "foo": "1"]
        #expect(prefix.canonicalString == "foo=1&foo_bar=2")
        #expect(DuoParameters().canonicalString == "")
    }

    @Test func dateIsRFC2822InUTC() throws {
        #expect(try DuoDate.format(Doc.dateValue) == Doc.date)
        #expect(try DuoDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 -0000")
        #expect(try DuoDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 -0000")
        #expect(try DuoDate.format(Date(timeIntervalSince1970: 1_767_225_645)) == "Thu, 01 Jan 2026 00:00:45 -0000")
        #expect(try DuoDate.parse(Doc.date) == Doc.dateValue)
        #expect(try DuoDate.parse("Tue, 21 Aug 2012 19:29:18 +0200") == Doc.dateValue)
        #expect(throws: DuoAuthError.self) { try DuoDate.parse("yesterday") }
    }

    @Test func xDuoHeaderRules() throws {
        #expect(throws: DuoAuthError.self) { try DuoRequestSigner.headerHash([("X-Other", "a")]) }
        #expect(throws: DuoAuthError.self) { try DuoRequestSigner.headerHash([("X-Duo-A", "a"), ("x-duo-a", "b")]) }
        #expect(throws: DuoAuthError.self) { try DuoRequestSigner.headerHash([("X-Duo-A", "a\0b")]) }
        #expect(try DuoRequestSigner.headerHash([]) == DuoRequestSigner.emptySHA512Hex)
    }

    @Test func signerNeverShowsTheSecret() throws {
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Doc.ikey), secretKey: try SecretKey(Doc.skey))
        var dumped = ""
        dump(signer, to: &dumped)
        for text in [signer.description, String(reflecting: signer), dumped] { #expect(!text.contains(Doc.skey)) }
    }
}

/// Cross-check with Duo's official Python client on awkward parameters
/// (Scripts/make-auth-fixtures.py, duo-client 5.7.0).
struct SigningInteropTests {
    static let file = (try? fixture("auth-signing-interop.json")) ?? [:]
    static let vectors: [[String: JSONValue]] = (file["vectors"]?.arrayValue ?? []).compactMap(\.objectValue)

    @Test func fixtureIsPresent() {
        #expect(Self.vectors.count >= 20)
        #expect(Self.file["library"]?.stringValue?.hasPrefix("duo-client") == true)
    }

    @Test(arguments: vectors)
    func matchesDuoClient(_ vector: [String: JSONValue]) throws {
        let version: DuoSignatureVersion = vector["sig_version"]?.integerValue == 2 ? .v2 : .v5
        let method = try #require(vector["method"]?.stringValue)
        let path = try #require(vector["path"]?.stringValue)
        let params = parameters(vector["params"])
        #expect(params.canonicalString == vector["canonical_params"]?.stringValue, "\(path) canonical params")
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Doc.ikey), secretKey: try SecretKey(Doc.skey), version: version)
        let request = try signer.signedRequest(method: HTTPRequest.Method(rawValue: method), host: try APIHost(Doc.host), path: path,
                                               parameters: params, date: Doc.dateValue)
        #expect(request.headers["Authorization"] == vector["authorization"]?.stringValue, "\(method) \(path) v\(version.number)")
        if version.number == 5, method == "POST" {
            #expect(String(decoding: request.body, as: UTF8.self) == vector["body"]?.stringValue, "\(path) JSON body")
        }
    }
}
