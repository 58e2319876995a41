@testable import duo
import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// The network commands' logic (exit statuses, stdout JSON, one stderr line) against FakeDuo,
/// in-process; the real HTTPS path needs CurlTransport.
struct CLILogicTests {
    let clock = FixedWallClock(secondsSince1970: 1_700_000_000)

    func setUp(secret: String = Py.secret) throws -> (FakeDuo, DuoWebClient) {
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: secret, apiHost: Py.host.lowercased(), clock: clock)
        return (duo, try DuoWebClient(configuration: try makeConfiguration(clock: clock), transport: duo))
    }

    func code(_ duo: FakeDuo, _ client: DuoWebClient, username: String) async throws -> String {
        let redirect = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: username, state: Py.state))
        return try client.callback(from: redirect, expectedState: Py.state).code
    }

    @Test func exchangeAllowExitsZeroWithClaims() async throws {
        let (duo, client) = try setUp()
        let outcome = await UniversalOutcome.exchange(client, code: try await code(duo, client, username: "alice"), username: "alice", nonce: nil)
        #expect(outcome.status == 0)
        let json = try JSONDecoder().decode([String: JSONValue].self, from: Data(try #require(outcome.stdout).utf8))
        #expect(json["auth_result"]?.objectValue?["result"] == .string("allow"))
        #expect(json["preferred_username"] == .string("alice"))
        #expect(try #require(outcome.stdout).contains("\n") == false)
    }

    @Test func exchangeDenyExitsTwoWithClaims() async throws {
        let (duo, client) = try setUp()
        await duo.setUser(FakeDuoUser(username: "eve", outcome: .timeout))
        let outcome = await UniversalOutcome.exchange(client, code: try await code(duo, client, username: "eve"), username: "eve", nonce: nil)
        #expect(outcome.status == 2)
        #expect(outcome.stdout?.contains(#""status":"timeout""#) == true)
    }

    @Test(arguments: [FakeDuoFault.badSignature, .algorithmNone, .expired, .wrongUsername, .httpStatus(500), .malformedJSON])
    func exchangeFailureExitsOneWithNothingOnStdout(fault: FakeDuoFault) async throws {
        let (duo, client) = try setUp()
        let code = try await code(duo, client, username: "alice")
        await duo.setFault(fault, on: "/oauth/v1/token")
        let outcome = await UniversalOutcome.exchange(client, code: code, username: "alice", nonce: nil)
        #expect(outcome.status == 1)
        #expect(outcome.stdout == nil)
        #expect(outcome.stderr?.isEmpty == false)
    }

    @Test func healthCheckStatuses() async throws {
        let (_, good) = try setUp()
        #expect(await UniversalOutcome.healthCheck(good).status == 0)
        let (_, bad) = try setUp(secret: "wrongclientidwrongclientidwrongclientidw")
        let outcome = await UniversalOutcome.healthCheck(bad)
        #expect(outcome.status == 1)
        #expect(outcome.stderr?.contains("40002") == true)
    }
}
