import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The seams downstream code relies on: a test double for the client, and FakeDuo's routing table.
struct ExtensionPointTests {
    /// A downstream app's double: always allows.
    struct AlwaysAllow: DuoWebAuthenticating {
        let inner: DuoWebClient
        func healthCheck() async throws(DuoWebError) -> HealthCheckResult { try await inner.healthCheck() }
        func generateState() -> String { "s" + String(repeating: "0", count: 35) }
        func generateNonce() -> String { "n" + String(repeating: "0", count: 35) }
        func authorizationURL(username: String, state: String, options: AuthorizationOptions) throws(DuoWebError) -> URL {
            try inner.authorizationURL(username: username, state: state, options: options)
        }
        func callback(from url: URL, expectedState: String) throws(DuoWebError) -> DuoCallback {
            try inner.callback(from: url, expectedState: expectedState)
        }
        func exchangeAuthorizationCode(_ code: String, username: String, nonce: String?) async throws(DuoWebError) -> DuoAuthorization {
            try inner.verifyIDToken(signToken(validClaims(now: 1_700_000_000, username: username)), username: username, nonce: nil)
        }
    }

    @Test func appsCanSubstituteADouble() async throws {
        let client: any DuoWebAuthenticating = AlwaysAllow(inner: try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport()))
        #expect(try await client.exchangeAuthorizationCode("code", username: "zoe").isAllowed)
        #expect(try client.authorizationURL(username: "zoe", state: client.generateState()).host == "api-xxxxxxx.test.duosecurity.com")
    }

    @Test func fakeDuoRoutesAreExtensible() async throws {
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: Py.secret, apiHost: "api-test.duosecurity.com")
        await duo.setRoute("/auth/v2/ping") { _, _ in FakeDuo.json(200, ["stat": .string("OK"), "response": .object(["time": .integer(1)])]) }
        let ping = try await duo.send(HTTPRequest(method: .get, url: try #require(URL(string: "https://api-test.duosecurity.com/auth/v2/ping"))))
        #expect(ping.status == 200)
        let missing = try await duo.send(HTTPRequest(method: .get, url: try #require(URL(string: "https://api-test.duosecurity.com/nope"))))
        #expect(missing.status == 404)
        await #expect(throws: TransportError.self) {
            try await duo.send(HTTPRequest(method: .get, url: try #require(URL(string: "https://elsewhere.example.com/auth/v2/ping"))))
        }
    }

    @Test func tokenEndpointFailEnvelopeIsOAuthError() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 401, json: #"{"stat":"FAIL","code":40103,"message":"Invalid signature in request credentials"}"#)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        let error = await #expect(throws: DuoWebError.oauthError) { try await client.exchangeAuthorizationCode("code", username: "u") }
        #expect(error?.duoCode == "40103")
    }
}
