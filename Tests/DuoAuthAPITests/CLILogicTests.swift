@testable import duo
import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// The `duo auth` environment and command logic, in-process.
struct AuthCLILogicTests {
    static let base = ["DUO_INTEGRATION_KEY": Fake.ikey, "DUO_SECRET_KEY": Fake.skey, "DUO_API_HOST": "api-x.duosecurity.com"]

    func environment(_ overrides: [String: String]) throws(AuthEnvironment.Problem) -> AuthEnvironment {
        try AuthEnvironment(Self.base.merging(overrides) { $1 })
    }

    @Test func defaults() throws {
        let configuration = try environment([:]).configuration
        #expect(configuration.signatureVersion == .v5)
        #expect(configuration.retryPolicy.maxRetries == 6)
        #expect(configuration.retryPolicy.baseDelay == .seconds(1))
        #expect(configuration.retryPolicy.maxJitter == .seconds(1))
        // The whole default schedule (1+2+...+32 s plus jitter) fits in the retry deadline.
        #expect(configuration.retryPolicy.deadline > .seconds(69))
        #expect(configuration.standardTimeout?.total == .seconds(30))
        #expect(configuration.userWaitTimeout.total > .seconds(60) && configuration.userWaitTimeout.total <= .seconds(120))
        #expect(configuration.transport.trust == .duoPinned)
    }

    @Test func knobs() throws {
        let configuration = try environment(["DUO_SIG_VERSION": "2", "DUO_MAX_RETRIES": "0", "DUO_BACKOFF_BASE": "0.25", "DUO_HTTP_TIMEOUT": "2.5"]).configuration
        #expect(configuration.signatureVersion == .v2(.sha512))
        #expect(configuration.retryPolicy.maxRetries == 0)
        #expect(configuration.retryPolicy.baseDelay == .milliseconds(250))
        #expect(configuration.standardTimeout?.total == .milliseconds(2500))
        #expect(configuration.userWaitTimeout.total == .milliseconds(2500))
    }

    @Test func problemsNameTheVariableNeverTheSecret() {
        let bad = String(Fake.skey.dropLast()) + "é"
        do {
            _ = try environment(["DUO_SECRET_KEY": bad])
            Issue.record("accepted a bad secret key")
        } catch {
            #expect(error.variable == "DUO_SECRET_KEY")
            #expect(!error.line.contains(String(bad.prefix(20))))
        }
    }

    @Test func commandLogicAgainstFakeDuo() async throws {
        let harness = try await Harness()
        await harness.duo.setUser(FakeDuoUser(username: "eve", outcome: .deny))
        #expect(await AuthOutcome.ping(harness.client, signed: true).status == 0)
        let preauth = await AuthOutcome.preauth(harness.client, username: "alice")
        #expect(preauth.status == 0 && preauth.stdout?.contains(#""result":"auth""#) == true)
        var progress: [String] = []
        let allowed = await AuthOutcome.push(harness.client, username: "alice", options: DuoPushOptions(), async: true, deadline: .seconds(30)) {
            progress.append($0.status.rawValue)
        }
        #expect(allowed.status == 0 && progress == ["pushed"])
        #expect(allowed.stdout?.contains(#""txid":"#) == true)
        let denied = await AuthOutcome.push(harness.client, username: "eve", options: DuoPushOptions(), async: false, deadline: .seconds(30)) { _ in }
        #expect(denied.status == 2 && denied.stdout?.contains(#""result":"deny""#) == true)
        let passcode = await AuthOutcome.passcode(harness.client, username: "alice", passcode: "123456")
        #expect(passcode.status == 0)
        await harness.duo.setFault(.httpStatus(500), on: "/auth/v2/auth")
        let failed = await AuthOutcome.passcode(harness.client, username: "alice", passcode: "123456")
        #expect(failed.status == 1 && failed.stdout == nil && failed.stderr?.isEmpty == false)
    }
}
