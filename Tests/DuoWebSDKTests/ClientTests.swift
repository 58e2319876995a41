import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// Configuration validation and response handling with the scripted MockHTTPTransport.
struct ClientTests {
    @Test(arguments: [
        ("DIXXXX", Py.secret, Py.host, Py.redirect),
        (Py.clientID, "short", Py.host, Py.redirect),
        (Py.clientID, Py.secret, "https://api-x.duosecurity.com", Py.redirect),
        (Py.clientID, Py.secret, Py.host, ""),
        (Py.clientID, Py.secret, Py.host, "http://www.example.com/cb"),
        (Py.clientID, Py.secret, Py.host, "ftp://www.example.com/cb"),
        (Py.clientID, Py.secret, Py.host, "/relative"),
    ])
    func invalidConfiguration(id: String, secret: String, host: String, redirect: String) {
        let error = #expect(throws: DuoWebError.invalidConfiguration) {
            try DuoWebConfiguration(clientID: id, clientSecret: secret, apiHost: host, redirectURI: redirect)
        }
        #expect(error?.errorDescription?.contains(Py.secret) == false)
    }

    @Test(arguments: ["http://localhost:8080/cb", "http://127.0.0.1/cb", "https://app.example.com/duo"])
    func acceptedRedirects(redirect: String) throws {
        _ = try DuoWebConfiguration(clientID: Py.clientID, clientSecret: Py.secret, apiHost: Py.host, redirectURI: redirect)
    }

    @Test(arguments: [0, 301]) func jwtLifetimeRange(lifetime: Int) {
        #expect(throws: DuoWebError.invalidConfiguration) {
            try DuoWebConfiguration(clientID: Py.clientID, clientSecret: Py.secret, apiHost: Py.host, redirectURI: Py.redirect, jwtLifetime: lifetime)
        }
    }

    @Test func healthCheckFailCodeAsString() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: #"{"stat":"FAIL","code":"40002","message":"invalid_client","message_detail":"Failed to verify signature.","timestamp":1}"#)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        let error = await #expect(throws: DuoWebError.healthCheckFailed) { try await client.healthCheck() }
        #expect(error?.duoCode == "40002")
        #expect(error?.duoDetail == "Failed to verify signature.")
    }

    /// JSON forbids raw control characters in strings, also in the value of a repeated key that
    /// a lenient reader would skip unchecked: such an answer is not JSON.
    @Test func rawControlCharacterInAStringIsNotJSON() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: "{\"stat\":\"OK\",\"response\":{\"timestamp\":1},\"note\":\"a\",\"note\":\"a\r\u{0}b\"}")
        await mock.enqueue(status: 200, json: "{\"stat\":\"OK\",\"response\":{\"timestamp\":1},\"note\":\"a\\r\\u0000b\",\"f\":1.5}")
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        await #expect(throws: DuoWebError.malformedResponse) { try await client.healthCheck() }
        #expect(try await client.healthCheck().timestamp == 1)
    }

    /// A repeated key makes two JSON readers disagree (first value or last); Duo never sends one,
    /// so such an answer is not JSON.
    @Test func repeatedKeyIsNotJSON() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"timestamp":1},"stat":"FAIL"}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"timestamp":1,"timestamp":2}}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"timestamp":1,"note":{"timestamp":2}}}"#)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        await #expect(throws: DuoWebError.malformedResponse) { try await client.healthCheck() }
        await #expect(throws: DuoWebError.malformedResponse) { try await client.healthCheck() }
        #expect(try await client.healthCheck().timestamp == 1)
    }

    @Test func transportErrorsAreWrapped() async throws {
        let mock = MockHTTPTransport(answers: [.failure(.timedOut), .failure(.untrustedCertificate)])
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        let first = await #expect(throws: DuoWebError.transport) { try await client.healthCheck() }
        #expect(first?.underlyingTransportError == .timedOut)
        let second = await #expect(throws: DuoWebError.transport) { try await client.exchangeAuthorizationCode("c", username: "u") }
        #expect(second?.underlyingTransportError == .untrustedCertificate)
        #expect(await mock.requests.count == 2)
    }

    @Test(arguments: [
        (400, #"{"error":"invalid_client","error_description":"Invalid Client assertion"}"#, DuoWebError.oauthError),
        (502, "<html>bad gateway</html>", .unexpectedHTTPStatus),
        (200, "not json", .malformedResponse),
        (200, #"{"access_token":"a","expires_in":"1","token_type":"Bearer"}"#, .missingIDToken),
        (200, #"{"id_token":"a.b"}"#, .tokenMalformed),
    ])
    func tokenAnswers(status: Int, body: String, expected: DuoWebError) async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: status, json: body)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        await #expect(throws: expected) { try await client.exchangeAuthorizationCode("code", username: "user1") }
        let request = try #require(await mock.requests.first)
        #expect(request.url.absoluteString == "https://api-xxxxxxx.test.duosecurity.com/oauth/v1/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
    }

    @Test func generatedValues() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        let state = client.generateState(), nonce = client.generateNonce()
        #expect(state.count == 36 && nonce.count == 36 && state != nonce)
        #expect(state.utf8.allSatisfy { SecureRandom.alphanumerics.contains($0) })
    }

    @Test func callbackDescriptionRedactsCode() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        let callback = try client.callback(query: "duo_code=secretcode123&state=\(Py.state)", expectedState: Py.state)
        #expect(callback.code == "secretcode123")
        #expect(!"\(callback)".contains("secretcode123"))
    }
}
