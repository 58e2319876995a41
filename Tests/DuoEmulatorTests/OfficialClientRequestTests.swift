#if Emulator
import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// FakeDuo takes every request shape Duo takes from its official clients, byte for byte as those
/// clients send them (field placement, content types, host forms, header case, Date forms,
/// signature versions), and refuses what Duo refuses. Scripts/interop_official_clients.py runs
/// the clients themselves against duo-emulator; these tests pin each shape in-process.
@Suite("FakeDuo: official clients' request shapes")
struct OfficialClientRequestTests {
    static let clientID = "DIOFFICIALCLIENTS001"
    static let secret = "officialclientsecretofficialclientsecret"
    static let ikey = "DIOFFICIALAUTHAPI001"
    static let skey = "officialskeyofficialskeyofficialskey0001"
    static let redirect = "https://app.example/callback"
    static let clock = FixedWallClock(secondsSince1970: 1_700_000_000)

    /// A fake playing 127.0.0.1:8443, also reachable as localhost:8443, with the Auth API.
    static func fake() async throws -> (FakeDuo, FakeDuoAuthAPI) {
        let duo = try FakeDuo(clientID: clientID, clientSecret: secret, apiHost: "127.0.0.1:8443", alternativeHostnames: ["localhost"], clock: clock)
        let api = try await duo.installAuthAPI(integrationKey: ikey, secretKey: skey)
        return (duo, api)
    }

    static func json(_ response: HTTPResponse) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(response.body))
    }

    // MARK: Universal Prompt

    /// A client assertion as every official client makes it.
    static func assertion(audience: String, id: String = SecureRandom.nonce()) -> String {
        let claims: JSONValue = .object(["iss": .string(clientID), "sub": .string(clientID), "aud": .string(audience),
                                         "exp": .integer(1_700_000_300), "jti": .string(id)])
        return JWTSigner(key: Array(secret.utf8)).sign(payloadJSON: Array((try? JSONEncoder().encode(claims)) ?? Data()))
    }

    /// A code for `username`, through a prompt opened at `authority`.
    static func code(_ duo: FakeDuo, username: String = "ann", authority: String = "127.0.0.1:8443") async throws -> String {
        let configuration = try DuoWebConfiguration(clientID: clientID, clientSecret: secret, apiHost: authority, redirectURI: redirect, clock: clock)
        let client = try DuoWebClient(configuration: configuration, transport: duo)
        let state = client.generateState()
        let back = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: username, state: state))
        return try client.callback(from: back, expectedState: state).code
    }

    static func tokenFields(code: String, authority: String = "127.0.0.1:8443") -> [(String, String)] {
        [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("client_id", clientID),
         ("client_assertion_type", DuoWebClient.clientAssertionType), ("client_assertion", assertion(audience: "https://\(authority)/oauth/v1/token"))]
    }

    @Test("Token fields in the query string with an empty body (Duo's Python client) exchange the code")
    func tokenFieldsInQuery() async throws {
        let (duo, _) = try await Self.fake()
        let code = try await Self.code(duo)
        let url = try #require(URL(string: "https://127.0.0.1:8443/oauth/v1/token?" + FormEncoding.encode(Self.tokenFields(code: code))))
        let response = try await duo.send(HTTPRequest(method: .post, url: url, headers: ["user-agent": "duo_universal_python/2.3.1"]))
        #expect(response.status == 200)
        #expect(try Self.json(response)["id_token"]?.stringValue != nil)
        // Single use, whatever the placement.
        let reused = try #require(URL(string: "https://127.0.0.1:8443/oauth/v1/token?" + FormEncoding.encode(Self.tokenFields(code: code))))
        let again = try await duo.send(HTTPRequest(method: .post, url: reused))
        #expect(try again.status == 400 && Self.json(again)["error"]?.stringValue == "invalid_grant")
    }

    @Test("Token and health-check fields as multipart/form-data (Duo's PHP client) are read")
    func multipartFields() async throws {
        let (duo, _) = try await Self.fake()
        let code = try await Self.code(duo)
        let boundary = "------------------------d74496d66958873e"
        func multipart(_ fields: [(String, String)]) -> [UInt8] {
            var text = "ignored preamble\r\n"
            for (name, value) in fields {
                text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            return Array((text + "--\(boundary)--\r\n").utf8)
        }
        let headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
        let token = try await duo.send(HTTPRequest(method: .post, url: try #require(URL(string: "https://127.0.0.1:8443/oauth/v1/token")),
                                                   headers: headers, body: multipart(Self.tokenFields(code: code))))
        #expect(token.status == 200)
        let health = try await duo.send(HTTPRequest(
            method: .post, url: try #require(URL(string: "https://127.0.0.1:8443/oauth/v1/health_check")), headers: headers,
            body: multipart([("client_id", Self.clientID), ("client_assertion", Self.assertion(audience: "https://127.0.0.1:8443/oauth/v1/health_check"))])))
        #expect(try Self.json(health)["stat"]?.stringValue == "OK")
        // A body cut before its closing delimiter is not a form.
        let cut = Array(multipart(Self.tokenFields(code: code)).dropLast(8))
        let refused = try await duo.send(HTTPRequest(method: .post, url: try #require(URL(string: "https://127.0.0.1:8443/oauth/v1/token")),
                                                     headers: headers, body: cut))
        #expect(try refused.status == 400 && Self.json(refused)["error"]?.stringValue == "invalid_request")
    }

    @Test("A client given localhost signs in through localhost, and its id_token is issued by localhost")
    func alternativeHostname() async throws {
        let (duo, _) = try await Self.fake()
        let configuration = try DuoWebConfiguration(clientID: Self.clientID, clientSecret: Self.secret, apiHost: "localhost:8443",
                                                    redirectURI: Self.redirect, clock: Self.clock)
        let client = try DuoWebClient(configuration: configuration, transport: duo)
        _ = try await client.healthCheck()
        let state = client.generateState()
        let back = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: "ann", state: state))
        let authorization = try await client.exchangeAuthorizationCode(try client.callback(from: back, expectedState: state).code, username: "ann")
        #expect(authorization.isAllowed)
        let token = try #require(await duo.lastIssuedIDToken)
        let payload = try JSONDecoder().decode([String: JSONValue].self, from: Data(try Base64URL.decode(String(token.split(separator: ".")[1]))))
        #expect(payload["iss"]?.stringValue == "https://localhost:8443/oauth/v1/token")
        // A host the fake does not play is not reached at all.
        let elsewhere = try DuoWebClient(configuration: try DuoWebConfiguration(clientID: Self.clientID, clientSecret: Self.secret,
                                                                                apiHost: "example.com:8443", redirectURI: Self.redirect),
                                         transport: duo)
        await #expect(throws: (any Error).self) { try await elsewhere.healthCheck() }
        #expect(duo.authorities == ["127.0.0.1:8443", "localhost:8443"])
    }

    /// An authorize URL whose request JWT has exactly these claims.
    static func authorizeURL(_ claims: [String: JSONValue], authority: String = "127.0.0.1:8443") throws -> URL {
        let request = JWTSigner(key: Array(secret.utf8)).sign(payloadJSON: Array(try JSONEncoder().encode(JSONValue.object(claims))))
        let query = FormEncoding.encode([("response_type", "code"), ("client_id", clientID), ("request", request)])
        return try #require(URL(string: "https://\(authority)/oauth/v1/authorize?" + query))
    }

    static let baseClaims: [String: JSONValue] = [
        "response_type": .string("code"), "scope": .string("openid"), "client_id": .string(clientID),
        "redirect_uri": .string(redirect), "state": .string("state-state-state-state"), "duo_uname": .string("ann"),
        "exp": .integer(1_700_000_300),
    ]

    @Test("Request JWTs as each official client signs them are accepted; wrong ones are not")
    func requestJWTShapes() async throws {
        let (duo, _) = try await Self.fake()
        var python = Self.baseClaims
        python["iss"] = .string(Self.clientID)
        python["aud"] = .string("https://127.0.0.1:8443")
        python["use_duo_code_attribute"] = .bool(true)
        // .NET: aud is the authorize URL, exp is text, the flag is the text "true".
        var dotnet = Self.baseClaims
        dotnet["iss"] = .string(Self.clientID)
        dotnet["aud"] = .string("https://127.0.0.1:8443/oauth/v1/authorize")
        dotnet["exp"] = .string("1700000300")
        dotnet["use_duo_code_attribute"] = .string("true")
        // Java: no iss, no aud.
        let java = Self.baseClaims
        for claims in [python, dotnet, java] {
            let request = try await duo.authorizationRequest(from: try Self.authorizeURL(claims))
            #expect(request.username == "ann")
        }
        #expect(try await duo.authorizationRequest(from: try Self.authorizeURL(dotnet)).usesDuoCode)

        var wrongAudience = python
        wrongAudience["aud"] = .string("https://api-other.duosecurity.com")
        var wrongIssuer = python
        wrongIssuer["iss"] = .string("DIOTHERCLIENT0000001")
        var expired = python
        expired["exp"] = .integer(1_699_999_999)
        var textExpired = dotnet
        textExpired["exp"] = .string("soon")
        for claims in [wrongAudience, wrongIssuer, expired, textExpired] {
            await #expect(throws: FakeDuoError.self) { try await duo.authorizationRequest(from: try Self.authorizeURL(claims)) }
        }
        await #expect(throws: FakeDuoError.self) { try await duo.authorizationRequest(from: try Self.authorizeURL(python, authority: "example.com:8443")) }
    }

    // MARK: Auth API

    struct Signed {
        var method: HTTPRequest.Method = .get
        var path = "/auth/v2/check"
        var parameters: [(String, String)] = []
        var version = 5
        var sha1 = false
        var json: String?
        var signedHost = "127.0.0.1"
        var authority = "127.0.0.1:8443"
        var date = "Tue, 14 Nov 2023 22:13:20 -0000"
        var dateHeader = "Date"
        var scheme = "Basic"
        var skey = OfficialClientRequestTests.skey

        /// The request as Duo's clients build it: GET parameters in the query, v2 POST as a form,
        /// v5 POST as a JSON body.
        func request() throws -> HTTPRequest {
            let line5 = DuoParameters(parameters).canonicalString
            let isQuery = method == .get
            let body: [UInt8] = isQuery ? [] : (version == 5 ? Array((json ?? "{}").utf8) : Array(FormEncoding.encode(parameters).utf8))
            let canonical = try DuoRequestSigner.canonicalString(
                date: date, method: method.rawValue, host: signedHost, path: path,
                canonicalParameters: isQuery || version == 2 ? line5 : "", body: body,
                version: version == 5 ? .v5 : .v2(sha1 ? .sha1 : .sha512))
            let signer = DuoRequestSigner(integrationKey: try IntegrationKey(OfficialClientRequestTests.ikey), secretKey: try SecretKey(skey),
                                          version: version == 5 ? .v5 : .v2(sha1 ? .sha1 : .sha512))
            let credentials = Data((OfficialClientRequestTests.ikey + ":" + signer.signature(of: canonical)).utf8).base64EncodedString()
            var headers: HTTPHeaders = ["Authorization": "\(scheme) \(credentials)", dateHeader: date]
            if !isQuery { headers.add(name: "Content-type", value: version == 5 ? "application/json" : "application/x-www-form-urlencoded") }
            let query = isQuery ? "?" + FormEncoding.encode(parameters) : ""
            return HTTPRequest(method: method, url: try #require(URL(string: "https://\(authority)\(path)\(query)")), headers: headers, body: body)
        }
    }

    static func send(_ duo: FakeDuo, _ signed: Signed) async throws -> (status: Int, body: [String: JSONValue]) {
        let response = try await duo.send(try signed.request())
        return (response.status, try json(response))
    }

    @Test("Signatures over each host form a client may be given are accepted, over another host refused")
    func signedHostForms() async throws {
        let (duo, api) = try await Self.fake()
        for host in ["127.0.0.1", "127.0.0.1:8443", "localhost", "LOCALHOST:8443"] {
            for version in [2, 5] {
                for authority in ["127.0.0.1:8443", "localhost:8443"] {
                    let answer = try await Self.send(duo, Signed(version: version, signedHost: host, authority: authority))
                    #expect(answer.status == 200, "v\(version) over \(host) to \(authority)")
                }
            }
        }
        #expect(await api.verifiedSignatureVersions.count == 16)
        for host in ["example.com", "127.0.0.1:9999", "127.0.0.2"] {
            let answer = try await Self.send(duo, Signed(signedHost: host))
            #expect(answer.status == 401 && answer.body["code"]?.integerValue == 40103, "\(host)")
        }
    }

    @Test("The signature is checked before the Date is parsed: a hostile Date from an unsigned client gets 401 40103")
    func signatureBeforeDate() async throws {
        let (duo, _) = try await Self.fake()
        let hostile = [
            "Tue, 99999999999999999 Nov 9999999999999999 99999999999:99:99 +9999",
            "Tue, 14 Nov -9223372036854775807 22:13:20 -0000", String(repeating: "9", count: 4096), "",
        ]
        for date in hostile {
            var request = try Signed().request()
            request.headers.replaceOrAdd(name: "Date", value: date)
            let response = try await duo.send(request)
            #expect(try response.status == 401 && Self.json(response)["code"]?.integerValue == 40103)
        }
        // A good signature over a stale or unreadable Date: the Date is then refused.
        for date in ["Tue, 14 Nov 2023 21:13:20 -0000", "yesterday"] {
            let answer = try await Self.send(duo, Signed(date: date))
            #expect(answer.status == 401 && answer.body["code"]?.integerValue == 40105, "\(date)")
        }
    }

    @Test("Date forms of every official client, in Date or X-Duo-Date, any header case, are accepted")
    func dateForms() async throws {
        let (duo, _) = try await Self.fake()
        // Python (-0000), Go/Java (+0000), Node (GMT), Ruby and Python's sig_timezone (an offset).
        for date in ["Tue, 14 Nov 2023 22:13:20 -0000", "Tue, 14 Nov 2023 22:13:20 +0000", "Tue, 14 Nov 2023 22:13:20 GMT",
                     "Tue, 14 Nov 2023 23:13:20 +0100", "Tue, 14 Nov 2023 17:13:20 -0500"] {
            for header in ["Date", "X-Duo-Date", "date", "x-duo-date"] {
                let answer = try await Self.send(duo, Signed(version: 2, date: date, dateHeader: header))
                #expect(answer.status == 200, "\(date) in \(header)")
            }
        }
        let lowercaseScheme = try await Self.send(duo, Signed(scheme: "basic"))
        #expect(lowercaseScheme.status == 200)
        let missing = try Signed().request()
        var undated = missing
        undated.headers.remove(name: "Date")
        let response = try await duo.send(undated)
        #expect(try response.status == 401 && Self.json(response)["code"]?.integerValue == 40105)
    }

    @Test("v5 JSON bodies with Boolean and number values (Duo's Python client) are read as text; lists are refused")
    func jsonScalars() async throws {
        let (duo, api) = try await Self.fake()
        let body = #"{"client_supports_verified_push":true,"ipaddr":"203.0.113.7","username":"ann","valid":1}"#
        let answer = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/preauth", json: body))
        #expect(answer.status == 200 && answer.body["response"]?.objectValue?["result"]?.stringValue == "auth")
        #expect(await api.lastParameters["client_supports_verified_push"] == "true")
        #expect(await api.lastParameters["valid"] == "1")
        let list = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/preauth", json: #"{"username":["ann","bob"]}"#))
        #expect(list.status == 400 && list.body["code"]?.integerValue == 40002)
        // v2 forms, with HMAC-SHA1 as older clients sign them.
        let form = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/preauth", parameters: [("username", "ann")], version: 2, sha1: true))
        #expect(form.status == 200)
    }

    @Test("An unenrolled user is unenrolled for the prompt, preauth, auth and enroll_status until enrolled")
    func unenrolledEverywhere() async throws {
        let (duo, _) = try await Self.fake()
        await duo.setEnrolled(false, for: "carol")
        await #expect(throws: FakeDuoError.self) { try await Self.code(duo, username: "carol") }
        let preauth = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/preauth", json: #"{"username":"carol"}"#))
        #expect(preauth.body["response"]?.objectValue?["result"]?.stringValue == "enroll")
        #expect(preauth.body["response"]?.objectValue?["enroll_portal_url"]?.stringValue?.hasPrefix("https://127.0.0.1:8443/") == true)
        for factor in [#""push","device":"auto""#, #""passcode","passcode":"123456""#] {
            let auth = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/auth", json: #"{"username":"carol","factor":\#(factor)}"#))
            #expect(auth.body["response"]?.objectValue?["result"]?.stringValue == "deny", "\(factor)")
        }
        // The Auth API's enrollment enrolls her for every face.
        let enrolled = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/enroll", json: #"{"username":"carol"}"#))
        let userID = try #require(enrolled.body["response"]?.objectValue?["user_id"]?.stringValue)
        let code = try #require(enrolled.body["response"]?.objectValue?["activation_code"]?.stringValue)
        let status = #"{"activation_code":"\#(code)","user_id":"\#(userID)"}"#
        #expect(try await Self.send(duo, Signed(method: .post, path: "/auth/v2/enroll_status", json: status)).body["response"]?.stringValue == "waiting")
        #expect(await !duo.users.isEnrolled("carol"))
        #expect(try await Self.send(duo, Signed(method: .post, path: "/auth/v2/enroll_status", json: status)).body["response"]?.stringValue == "success")
        #expect(await duo.users.isEnrolled("carol"))
        _ = try await Self.code(duo, username: "carol")
        let byID = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/preauth", json: #"{"user_id":"\#(userID)"}"#))
        #expect(byID.body["response"]?.objectValue?["result"]?.stringValue == "auth")
        // /enroll makes a new user unenrolled on the prompt too.
        _ = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/enroll", json: #"{"username":"dora"}"#))
        await #expect(throws: FakeDuoError.self) { try await Self.code(duo, username: "dora") }
    }

    @Test("A scripted deny denies every factor: push, phone and passcode")
    func scriptedDenyEverywhere() async throws {
        let (duo, _) = try await Self.fake()
        await duo.setUser(FakeDuoUser(username: "dennis", outcome: .deny))
        for factor in [#""push","device":"auto""#, #""phone","device":"auto""#, #""passcode","passcode":"123456""#] {
            let auth = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/auth", json: #"{"username":"dennis","factor":\#(factor)}"#))
            #expect(auth.body["response"]?.objectValue?["result"]?.stringValue == "deny", "\(factor)")
        }
        let passcode = try await Self.send(duo, Signed(method: .post, path: "/auth/v2/auth", json: #"{"username":"ann","factor":"passcode","passcode":"123456"}"#))
        #expect(passcode.body["response"]?.objectValue?["result"]?.stringValue == "allow")
    }
}
#endif
