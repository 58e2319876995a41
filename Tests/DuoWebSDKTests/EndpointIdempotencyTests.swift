import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The health check may be sent twice by the transport; the authorization code exchange never,
/// and when it is dropped after sending the caller hears that Duo may have used the code.
struct EndpointIdempotencyTests {
    @Test func healthCheckMayRepeatTheTokenExchangeNever() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"timestamp":1}}"#)
        await mock.enqueue(status: 400, json: #"{"error":"invalid_grant","error_description":"spent"}"#)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        _ = try await client.healthCheck()
        _ = try? await client.exchangeAuthorizationCode("code", username: "user1")
        let sent = await mock.requests.map { "\($0.url.path) \($0.isIdempotent ? "may repeat" : "once")" }
        #expect(sent == ["/oauth/v1/health_check may repeat", "/oauth/v1/token once"])
    }

    @Test func droppedTokenExchangeSaysTheCodeMayBeSpent() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(failure: TransportError(.droppedAfterSending, reason: "libcurl error 52: Empty reply from server"))
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        let error = await #expect(throws: DuoWebError.droppedAfterSending) {
            try await client.exchangeAuthorizationCode("code", username: "user1")
        }
        #expect(error?.kindName == "droppedAfterSending")
        #expect(error?.underlyingTransportError == .droppedAfterSending)
        #expect(error?.recoverySuggestion?.contains("Ask the user to sign in again") == true)
        #expect(error?.errorDescription?.contains("Duo may have used the code") == true)
        #expect(error != .transport)
        #expect(await mock.requests.count == 1)
    }
}
