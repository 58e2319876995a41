import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The test vectors of duo-universal-protocol.md section 10.
struct VectorTests {
    static let pythonRequestJSON = #"{"scope":"openid","redirect_uri":"https://www.example.com","client_id":"DIXXXXXXXXXXXXXXXXXX","iss":"DIXXXXXXXXXXXXXXXXXX","aud":"https://api-XXXXXXX.test.duosecurity.com","exp":302,"state":"deadbeefdeadbeefdeadbeefdeadbeefdead","response_type":"code","duo_uname":"user1","use_duo_code_attribute":true}"#
    static let pythonRequestToken = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6Im9wZW5pZCIsInJlZGlyZWN0X3VyaSI6Imh0dHBzOi8vd3d3LmV4YW1wbGUuY29tIiwiY2xpZW50X2lkIjoiRElYWFhYWFhYWFhYWFhYWFhYWFgiLCJpc3MiOiJESVhYWFhYWFhYWFhYWFhYWFhYWCIsImF1ZCI6Imh0dHBzOi8vYXBpLVhYWFhYWFgudGVzdC5kdW9zZWN1cml0eS5jb20iLCJleHAiOjMwMiwic3RhdGUiOiJkZWFkYmVlZmRlYWRiZWVmZGVhZGJlZWZkZWFkYmVlZmRlYWQiLCJyZXNwb25zZV90eXBlIjoiY29kZSIsImR1b191bmFtZSI6InVzZXIxIiwidXNlX2R1b19jb2RlX2F0dHJpYnV0ZSI6dHJ1ZX0.soB-jk6P4pzmREKHs5BUlyqNWGTt8id2DIObFYtzXttHwcKuZfjojK9d8_AwzjWhhKPzHWnNfdQUYbkEhRcFag"

    @Test func requestJWTVectorSignsByteForByte() throws {
        let signer = JWTSigner(secret: try ClientSecret(Py.secret))
        #expect(signer.sign(payloadJSON: Array(Self.pythonRequestJSON.utf8)) == Self.pythonRequestToken)
    }

    @Test func authorizationURLMatchesPythonClaims() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: 2)), transport: MockHTTPTransport())
        let url = try client.authorizationURL(username: "user1", state: Py.state)
        let prefix = "https://api-xxxxxxx.test.duosecurity.com/oauth/v1/authorize?response_type=code&client_id=DIXXXXXXXXXXXXXXXXXX&request="
        #expect(url.absoluteString.hasPrefix(prefix))
        let request = try #require(queryItems(url)["request"])
        let ours = try payload(of: request)
        var expected = try JSONDecoder().decode([String: JSONValue].self, from: Data(Self.pythonRequestJSON.utf8))
        // APIHost lower-cases the host; Duo's hosts are lower case in practice.
        expected["aud"] = .string("https://api-xxxxxxx.test.duosecurity.com")
        #expect(ours == expected)
        #expect(queryItems(url)["nonce"] == nil)
    }

    @Test func authorizationURLOptionalClaimsOmittedUnlessSet() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: 2)), transport: MockHTTPTransport())
        let options = AuthorizationOptions(nonce: Py.nonce, destinationAppName: "App", destinationAppID: "app-1",
                                           displayUsername: "Alice A.", maxAge: 3600, prompt: "login")
        let url = try client.authorizationURL(username: "user1", state: Py.state, options: options)
        let claims = try payload(of: try #require(queryItems(url)["request"]))
        #expect(claims["nonce"] == .string(Py.nonce))
        #expect(claims["dest_app_name"] == .string("App"))
        #expect(claims["dest_app_id"] == .string("app-1"))
        #expect(claims["display_username"] == .string("Alice A."))
        #expect(claims["max_age"] == .integer(3600))
        #expect(claims["prompt"] == .string("login"))
        #expect(queryItems(url)["nonce"] == Py.nonce)
    }

    @Test(arguments: [15, 1025]) func stateLengthOutOfRange(length: Int) throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        #expect(throws: DuoWebError.invalidArgument) { try client.authorizationURL(username: "u", state: String(repeating: "a", count: length)) }
    }

    @Test(arguments: [16, 1024]) func stateLengthBounds(length: Int) throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        _ = try client.authorizationURL(username: "u", state: String(repeating: "a", count: length))
    }

    @Test func clientAssertionVectorSignsByteForByte() throws {
        let json = #"{"iss":"DIXXXXXXXXXXXXXXXXXX","sub":"DIXXXXXXXXXXXXXXXXXX","aud":"https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token","exp":310,"jti":"deadbeef"}"#
        let expected = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJESVhYWFhYWFhYWFhYWFhYWFhYWCIsInN1YiI6IkRJWFhYWFhYWFhYWFhYWFhYWFhYIiwiYXVkIjoiaHR0cHM6Ly9hcGktWFhYWFhYWC50ZXN0LmR1b3NlY3VyaXR5LmNvbS9vYXV0aC92MS90b2tlbiIsImV4cCI6MzEwLCJqdGkiOiJkZWFkYmVlZiJ9.1MWkvEgxKwg230AFiFamRZ_4YP4Zc-m2G6G7Zu28UDAqfvN7qF5SEbH5700v_37ZamYf20Y8seHOSSNHrGPCyQ"
        #expect(JWTSigner(secret: try ClientSecret(Py.secret)).sign(payloadJSON: Array(json.utf8)) == expected)
    }

    @Test func tamperedTokenIsRefused() throws {
        let token = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmNkZWYiLCJuYW1lIjoiSm9obiBEb2UiLCJpYXQiOjE1MTYyMzkwMjJ9.kmo4YemI0g8l9fGV1z5Obec3oEQdeena21lFrDrID9O2NmPC-6Oh2InZ0Gd34EhqevZ5dqRf-nfYNAL6nDS33A"
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        #expect(throws: DuoWebError.tokenSignatureInvalid) { try client.verifyIDToken(token, username: "abcdef", nonce: nil) }
    }

    @Test func javaTokenValidSignatureButIncomplete() throws {
        let token = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.qKLZNpctaGsuqLr6KkPiM7_9jG5sEEaLPLakrA1kjk7z0lF3HX_RTRS3c4wVFWMEV_jGg72KIjlBpsWrqMxSNg"
        let secret = "IZjstQj23454IB2H1qhoQj23Ws2ddZfIOGSxOGSx"
        _ = try JWTSigner(secret: try ClientSecret(secret)).verifySignature(token)  // the signature is valid
        let configuration = try makeConfiguration(clientID: "DIEN9ZH50WBGER236YT5", secret: secret, host: "api-host.com", redirect: "https://redirect-uri.com")
        let client = try DuoWebClient(configuration: configuration, transport: MockHTTPTransport())
        #expect(throws: DuoWebError.tokenMissingClaim) { try client.verifyIDToken(token, username: "1234567890", nonce: nil) }
    }

    static let now: Int64 = 1_700_000_000

    /// (claim changes relative to now, accepted?)
    static let leewayCases: [(String, [String: Int64], DuoWebError?)] = [
        ("Java: expired 30 s ago passes", ["exp": -30, "iat": -330], nil),
        ("Java: expired 90 s ago fails", ["exp": -90, "iat": -390], .tokenExpired),
        ("Node: exp 30 s past passes", ["exp": -30, "iat": -330], nil),
        ("Node: exp 120 s past fails", ["exp": -120, "iat": -420], .tokenExpired),
        ("Node: nbf 300 s ahead fails", ["nbf": 300], .tokenNotYetValid),
        ("PHP: iat 30 s ahead passes", ["iat": 30], nil),
        ("PHP: iat 120 s ahead fails", ["iat": 120], .tokenIssuedInFuture),
        ("C#: exp before iat fails", ["exp": 10, "iat": 20], .tokenExpired),
    ]

    @Test(arguments: leewayCases)
    func leeway(name: String, offsets: [String: Int64], expected: DuoWebError?) throws {
        var claims = validClaims(now: Self.now)
        for (claim, offset) in offsets { claims[claim] = .integer(Self.now + offset) }
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now))), transport: MockHTTPTransport())
        let token = signToken(claims)
        if let expected {
            #expect(throws: expected, "\(name)") { try client.verifyIDToken(token, username: "user1", nonce: nil) }
        } else {
            #expect(try client.verifyIDToken(token, username: "user1", nonce: nil).isAllowed, "\(name)")
        }
    }

    @Test(arguments: ["Not username", "username@domain.org", "  username  ", "!@#user$%^name*&(", "USERNAME"])
    func usernameMismatchExact(login: String) throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now))), transport: MockHTTPTransport())
        let token = signToken(validClaims(now: Self.now, username: "username"))
        #expect(throws: DuoWebError.usernameMismatch) { try client.verifyIDToken(token, username: login, nonce: nil) }
    }

    @Test func usernameCaseInsensitiveOption() throws {
        let configuration = try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now)), usernameComparison: .caseInsensitive)
        let client = try DuoWebClient(configuration: configuration, transport: MockHTTPTransport())
        let token = signToken(validClaims(now: Self.now, username: "username"))
        #expect(try client.verifyIDToken(token, username: "USERNAME", nonce: nil).preferredUsername == "username")
        #expect(throws: DuoWebError.usernameMismatch) { try client.verifyIDToken(token, username: "  username  ", nonce: nil) }
    }

    @Test func nonceChecks() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now))), transport: MockHTTPTransport())
        var claims = validClaims(now: Self.now)
        claims["nonce"] = .string(Py.nonce)
        let token = signToken(claims)
        #expect(try client.verifyIDToken(token, username: "user1", nonce: Py.nonce).isAllowed)
        #expect(try client.verifyIDToken(token, username: "user1", nonce: nil).isAllowed)
        #expect(throws: DuoWebError.nonceMismatch) { try client.verifyIDToken(token, username: "user1", nonce: "bbcceeggiikkmmooqqssuuwwyyaaccee") }
    }

    @Test func csharpFixtureContextDecodesLeniently() throws {
        var claims = validClaims(now: Self.now)
        claims["auth_context"] = .object([
            "access_device": .object(["browser": .string("browser"), "host_name": .string("hostname"), "ip": .string("100.200.100.200"),
                                      "is_encryption_enabled": .bool(true), "is_firewall_enabled": .bool(false), "is_password_set": .string("unknown"),
                                      "location": .object(["city": .string("c"), "country": .string("US"), "state": .string("s")])]),
            "alias": .string(""), "factor": .string("duo_push"), "timestamp": .string("not-a-number"), "txid": .string("123456"),
            "user": .object(["groups": .array([]), "key": .string("key"), "name": .string("name")]),
        ])
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now))), transport: MockHTTPTransport())
        let result = try client.verifyIDToken(signToken(claims), username: "user1", nonce: nil)
        #expect(result.context?.accessDevice?.hostname == "hostname")
        #expect(result.context?.accessDevice?.isEncryptionEnabled == .enabled)
        #expect(result.context?.accessDevice?.isFirewallEnabled == .disabled)
        #expect(result.context?.accessDevice?.isPasswordSet == .unknown)
        #expect(result.context?.timestamp == nil)
        #expect(result.context?.factor == "duo_push")
        #expect(result.context?.user?.name == "name")
    }

    @Test func unknownResultValueIsNotAllowed() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now))), transport: MockHTTPTransport())
        let token = signToken(validClaims(now: Self.now, result: "maybe", status: "odd"))
        let result = try client.verifyIDToken(token, username: "user1", nonce: nil)
        #expect(result.result.result == .unknown("maybe"))
        #expect(!result.isAllowed)
        #expect(result.explanation != nil)
    }
}
