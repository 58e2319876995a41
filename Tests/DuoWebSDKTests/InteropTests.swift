import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// Fixtures from Duo's official Python client (Scripts/make-universal-fixtures.py): we accept what
/// Duo issues, and Duo's code accepts what we build.
struct InteropTests {
    struct Fixture: Decodable {
        let time: Double
        let client_id: String, client_secret: String, api_host: String, redirect_uri: String
        let username: String, state: String, nonce: String
        let python_auth_url: String
        let python_id_tokens: [String: String]
        let swift_request_jwt: String
        let fakeduo_id_token: String
    }

    static func load() throws -> Fixture {
        let url = try #require(fixtureURL("universal-interop.json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func client(_ f: Fixture) throws -> DuoWebClient {
        let configuration = try makeConfiguration(clientID: f.client_id, secret: f.client_secret, host: f.api_host,
                                                  redirect: f.redirect_uri, clock: FixedWallClock(secondsSince1970: f.time))
        return try DuoWebClient(configuration: configuration, transport: MockHTTPTransport())
    }

    @Test func ourRequestJWTIsByteForByteWhatPyJWTVerified() throws {
        let f = try Self.load()
        let url = try client(f).authorizationURL(username: f.username, state: f.state, options: .init(nonce: f.nonce))
        #expect(queryItems(url)["request"] == f.swift_request_jwt)
    }

    @Test func duosAuthorizeURLIsAcceptedByFakeDuoAndOurVerifier() async throws {
        let f = try Self.load()
        let url = try #require(URL(string: f.python_auth_url))
        let request = try #require(queryItems(url)["request"])
        let claims = try JWTSigner(secret: try ClientSecret(f.client_secret)).verify(
            request, as: [String: JSONValue].self,
            validation: ClaimsValidation(issuer: f.client_id, audience: "https://\(f.api_host)", clock: FixedWallClock(secondsSince1970: f.time))).claims
        #expect(claims["duo_uname"] == .string(f.username))
        #expect(claims["state"] == .string(f.state))
        #expect(queryItems(url)["nonce"] == f.nonce)
        let duo = try FakeDuo(clientID: f.client_id, clientSecret: f.client_secret, apiHost: f.api_host, clock: FixedWallClock(secondsSince1970: f.time))
        let redirect = try await duo.simulateBrowser(authorizationURL: url)
        #expect(redirect.absoluteString.hasPrefix(f.redirect_uri + "?duo_code="))
    }

    @Test(arguments: [("allow", true, "allow"), ("deny", false, "deny"), ("timeout", false, "timeout")])
    func duoIssuedIDTokensAreAccepted(name: String, allowed: Bool, status: String) throws {
        let f = try Self.load()
        let token = try #require(f.python_id_tokens[name])
        let result = try client(f).verifyIDToken(token, username: f.username, nonce: name == "allow" ? f.nonce : nil)
        #expect(result.isAllowed == allowed)
        #expect(result.result.status == status)
        #expect(result.context?.user?.groups == ["staff"])
        #expect(result.context?.accessDevice?.isFirewallEnabled == .enabled)
        #expect(result.authTime == Int64(f.time))
    }

    @Test func fakeDuoIssuesTheTokenDuosClientAccepted() async throws {
        let f = try Self.load()
        let clock = FixedWallClock(secondsSince1970: f.time)
        let duo = try FakeDuo(clientID: f.client_id, clientSecret: f.client_secret, apiHost: f.api_host, clock: clock)
        let client = try self.client(f)
        let webClient = try DuoWebClient(configuration: client.configuration, transport: duo)
        let url = try webClient.authorizationURL(username: f.username, state: f.state, options: .init(nonce: f.nonce))
        let callback = try webClient.callback(from: try await duo.simulateBrowser(authorizationURL: url), expectedState: f.state)
        #expect(try await webClient.exchangeAuthorizationCode(callback.code, username: f.username, nonce: f.nonce).isAllowed)
        #expect(await duo.lastIssuedIDToken == f.fakeduo_id_token)
    }
}
