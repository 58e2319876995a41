import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The snippets of Documentation/Testing.md, run as tests so the guide's code stays true.
struct TestingGuideTests {
    static let clientID = "DIXXXXXXXXXXXXXXXXXX"
    static let secret = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
    static let host = "api-test.duosecurity.com"

    // Testing.md, "The whole login against FakeDuo".
    @Test func wholeLoginAgainstFakeDuo() async throws {
        let duo = try FakeDuo(clientID: "DIXXXXXXXXXXXXXXXXXX",
                              clientSecret: "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
                              apiHost: "api-test.duosecurity.com")
        await duo.setUser(FakeDuoUser(username: "alice", outcome: .allow))
        let client = try DuoWebClient(configuration: DuoWebConfiguration(
            clientID: "DIXXXXXXXXXXXXXXXXXX", clientSecret: "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
            apiHost: "api-test.duosecurity.com", redirectURI: "https://app.example.com/duo/callback"),
            transport: duo)

        let state = client.generateState(), nonce = client.generateNonce()
        let url = try client.authorizationURL(username: "alice", state: state,
                                              options: AuthorizationOptions(nonce: nonce))
        let callbackURL = try await duo.simulateBrowser(authorizationURL: url)
        let callback = try client.callback(from: callbackURL, expectedState: state)
        let result = try await client.exchangeAuthorizationCode(callback.code, username: "alice", nonce: nonce)
        #expect(result.isAllowed)
    }

    // Testing.md, "Outcomes and faults".
    @Test func deniedUserAndForgedToken() async throws {
        let duo = try FakeDuo(clientID: Self.clientID, clientSecret: Self.secret, apiHost: Self.host)
        let client = try DuoWebClient(configuration: DuoWebConfiguration(
            clientID: Self.clientID, clientSecret: Self.secret, apiHost: Self.host,
            redirectURI: "https://app.example.com/duo/callback"), transport: duo)

        await duo.setUser(FakeDuoUser(username: "bob", outcome: .deny))
        let bobState = client.generateState()
        let bobURL = try client.authorizationURL(username: "bob", state: bobState)
        let bobCallback = try client.callback(from: try await duo.simulateBrowser(authorizationURL: bobURL),
                                              expectedState: bobState)
        let result = try await client.exchangeAuthorizationCode(bobCallback.code, username: "bob")
        #expect(!result.isAllowed)
        #expect(result.explanation != nil)

        let state = client.generateState(), nonce = client.generateNonce()
        let url = try client.authorizationURL(username: "alice", state: state, options: AuthorizationOptions(nonce: nonce))
        let callback = try client.callback(from: try await duo.simulateBrowser(authorizationURL: url), expectedState: state)
        await duo.setFault(.badSignature, on: "/oauth/v1/token")
        await #expect(throws: DuoWebError.tokenSignatureInvalid) {
            try await client.exchangeAuthorizationCode(callback.code, username: "alice", nonce: nonce)
        }
    }

    // Testing.md, "One exact answer with MockHTTPTransport".
    @Test func exactAnswersWithMockTransport() async throws {
        let configuration = try DuoWebConfiguration(
            clientID: Self.clientID, clientSecret: Self.secret, apiHost: Self.host,
            redirectURI: "https://app.example.com/duo/callback")
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: #"{"stat":"FAIL","code":"40002","message":"invalid_client","timestamp":1}"#)
        await mock.enqueue(failure: TransportError(.timedOut))
        let client = try DuoWebClient(configuration: configuration, transport: mock)
        await #expect(throws: DuoWebError.healthCheckFailed) { try await client.healthCheck() }
        await #expect(throws: DuoWebError.transport) { try await client.healthCheck() }
        #expect(await mock.requests.count == 2)
    }
}
