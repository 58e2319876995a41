import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// The flows: push as an AsyncSequence, passcode, enrollment and activation.
struct FlowTests {
    @Test(arguments: [DuoSignatureVersion.v2, .v5])
    func pushStreamsProgressThenTheFinalAnswer(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await harness.api.setAccount(FakeDuoAuthAccount(username: "jörg ~*&=", progress: ["pushed", "answered"]))
        var updates: [DuoAuthResponse] = []
        let info = DuoPushInfo([("app", "VPN & SSH"), ("ip", "203.0.113.7")])
        for try await update in harness.client.push(username: "jörg ~*&=", options: DuoPushOptions(type: "VPN", pushInfo: info)) {
            updates.append(update)
        }
        #expect(updates.map(\.status) == [.pushed, .answered, .allow])
        #expect(updates.last?.isAllowed == true)
        #expect(updates.allSatisfy { $0.txid == updates.first?.txid })
        let push = try #require(await harness.api.pushes.last)
        #expect(push.isAsync && push.pushInfo == [["app", "VPN & SSH"], ["ip", "203.0.113.7"]])
    }

    @Test func pushEndsWithADenial() async throws {
        let harness = try await Harness()
        await harness.duo.setUser(FakeDuoUser(username: "bob", outcome: .timeout))
        var last: DuoAuthResponse?
        for try await update in harness.client.push(username: "bob") { last = update }
        #expect(last?.result == .deny && last?.status == .timeout)
    }

    @Test func pushHasAnOverallDeadline() async throws {
        let harness = try await Harness()
        await harness.api.setAccount(FakeDuoAuthAccount(username: "slow", progress: Array(repeating: "pushed", count: 100)))
        var count = 0
        await #expect { for try await _ in harness.client.push(username: "slow", deadline: .seconds(2), pollPause: .milliseconds(500)) { count += 1 } } throws: { error in
            if case .deadlineExceeded = error as? DuoAuthError { return true } else { return false }
        }
        #expect(count >= 4 && count < 10)
    }

    @Test func stoppingTheIterationStopsPolling() async throws {
        let (duo, api) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        await api.setAccount(FakeDuoAuthAccount(username: "slow", progress: Array(repeating: "pushed", count: 100)))
        // Real pauses between polls, so the 100 progress answers would take at least 5 s.
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host),
                                   transport: duo)
        for try await update in client.push(username: "slow", pollPause: .milliseconds(50)) {
            #expect(update.status == .pushed)
            break
        }
        try await Task.sleep(for: .milliseconds(200))
        let count = await duo.requests.count
        try await Task.sleep(for: .milliseconds(200))
        #expect(await duo.requests.count == count)
        #expect(count < 50)
    }

    @Test func pushFailureSurfacesAsTypedError() async throws {
        let harness = try await Harness()
        await harness.duo.setFault(.httpStatus(500), on: "/auth/v2/auth_status")
        await #expect { for try await _ in harness.client.push(username: "alice") {} } throws: { error in
            if case .serviceFailure = error as? DuoAuthError { return true } else { return false }
        }
        #expect(await harness.duo.requests.count == 2)
    }

    @Test func enrollThenWaitForActivation() async throws {
        let harness = try await Harness()
        await harness.api.setPollsBeforeActivation(3)
        let enrollment = try await harness.client.enroll(username: "newbie")
        #expect(try await harness.client.preauth(.username("newbie")).result == .enroll)
        let status = try await harness.client.waitForActivation(enrollment, interval: .seconds(5))
        #expect(status == .success)
        #expect(harness.timing.sleeps == [.seconds(5), .seconds(5), .seconds(5)])
        #expect(try await harness.client.preauth(.username("newbie")).result == .auth)
    }

    @Test func activationWaitHasADeadline() async throws {
        let harness = try await Harness()
        await harness.api.setPollsBeforeActivation(1000)
        let enrollment = try await harness.client.enroll(username: "never")
        await #expect { try await harness.client.waitForActivation(enrollment, interval: .seconds(5), deadline: .seconds(20)) } throws: { error in
            if case .deadlineExceeded = error as? DuoAuthError { return true } else { return false }
        }
        #expect(harness.timing.sleeps.count == 4)
    }

    /// A downstream double of the protocol compiles and works in place of the client.
    @Test func protocolAllowsDoubles() async throws {
        struct AlwaysDeny: DuoAuthenticating {
            func ping() async throws(DuoAuthError) -> DuoServerTime { DuoServerTime(time: Date()) }
            func check() async throws(DuoAuthError) -> DuoServerTime { DuoServerTime(time: Date()) }
            func preauth(_ user: DuoUser, options: DuoPreauthOptions) async throws(DuoAuthError) -> DuoPreauthResponse { throw .invalidArgument("n/a") }
            func auth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> DuoAuthResponse { throw .invalidArgument("n/a") }
            func startAuth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> String { "tx" }
            func authStatus(txid: String) async throws(DuoAuthError) -> DuoAuthResponse { throw .invalidArgument("n/a") }
            func enroll(username: String?, validFor seconds: Int?) async throws(DuoAuthError) -> DuoEnrollment { throw .invalidArgument("n/a") }
            func enrollStatus(userID: String, activationCode: String) async throws(DuoAuthError) -> DuoEnrollmentStatus { .invalid }
        }
        let double: any DuoAuthenticating = AlwaysDeny()
        #expect(try await double.startAuth(DuoAuthRequest(user: .username("a"), factor: .push(DuoPushOptions()))) == "tx")
    }
}
