import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// Every Auth API endpoint states whether the transport may send it twice, and a request that
/// must not repeat and was dropped after sending reaches the caller as an error that tells the
/// help desk to ask the user first.
struct EndpointIdempotencyTests {
    private func client(_ mock: MockHTTPTransport) throws -> DuoAuthClient {
        DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host),
                      transport: mock)
    }

    @Test func everyEndpointStatesWhetherItMayRepeat() async throws {
        let mock = MockHTTPTransport()
        for _ in 0..<10 { await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{}}"#) }
        let client = try client(mock)
        // The answers do not fit every endpoint; only the requests matter here.
        _ = try? await client.ping()
        _ = try? await client.check()
        _ = try? await client.logo()
        _ = try? await client.preauth(.username("alice"))
        _ = try? await client.auth(DuoAuthRequest(user: .username("alice"), factor: .push(DuoPushOptions())))
        _ = try? await client.startAuth(DuoAuthRequest(user: .username("alice"), factor: .passcode("123456")))
        _ = try? await client.authStatus(txid: "txid-1")
        _ = try? await client.enroll(username: "bob")
        _ = try? await client.enrollStatus(userID: "DU1", activationCode: "duo://code")
        let sent = await mock.requests.map { "\($0.method) \($0.url.path) \($0.isIdempotent ? "may repeat" : "once")" }
        #expect(sent == [
            "GET /auth/v2/ping may repeat",
            "GET /auth/v2/check may repeat",
            "GET /auth/v2/logo may repeat",
            "POST /auth/v2/preauth may repeat",
            "POST /auth/v2/auth once",
            "POST /auth/v2/auth once",
            "GET /auth/v2/auth_status may repeat",
            "POST /auth/v2/enroll once",
            "POST /auth/v2/enroll_status may repeat",
        ])
    }

    @Test func droppedPushTellsTheHelpDeskToAskTheUser() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(failure: TransportError(.droppedAfterSending, reason: "libcurl error 52: Empty reply from server"))
        let client = try client(mock)
        do {
            _ = try await client.auth(DuoAuthRequest(user: .username("alice"), factor: .push(DuoPushOptions())))
            Issue.record("expected droppedAfterSending")
        } catch {
            guard case .droppedAfterSending(let endpoint, let transportError) = error else {
                Issue.record("expected droppedAfterSending, got \(error)")
                return
            }
            #expect(endpoint == "/auth/v2/auth")
            #expect(transportError == .droppedAfterSending)
            #expect(error.recoverySuggestion?.contains("Duo may have sent the push; ask the user before trying again") == true)
            #expect(error.errorDescription?.contains("/auth/v2/auth") == true)
        }
        #expect(await mock.requests.count == 1, "the client does not send it again either")
    }

    @Test func droppedEnrollmentSaysItMayExist() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(failure: TransportError(.droppedAfterSending))
        let client = try client(mock)
        do {
            _ = try await client.enroll(username: "bob")
            Issue.record("expected droppedAfterSending")
        } catch {
            guard case .droppedAfterSending(let endpoint, _) = error else {
                Issue.record("expected droppedAfterSending, got \(error)")
                return
            }
            #expect(endpoint == "/auth/v2/enroll")
            #expect(error.recoverySuggestion?.contains("may have created the user") == true)
        }
        #expect(await mock.requests.count == 1)
    }
}
