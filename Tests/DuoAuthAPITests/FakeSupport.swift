import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation

enum Fake {
    static let ikey = "DIAUTHTESTINTEGRATE1"
    static let skey = "authtestsecretkeyauthtestsecretkeyauth01"
    static let host = "api-authtest.duosecurity.com"
    /// Usernames Duo must get back byte for byte, whatever the encoding path.
    static let awkwardUsernames = ["jörg müller", "~tilde*star", "a&b=c d", "日本 ユーザー", "plus+percent%20/slash", "quote'\"back\\"]
}

struct Harness {
    let client: DuoAuthClient
    let duo: FakeDuo
    let api: FakeDuoAuthAPI
    let timing: FakeRetryTiming

    init(version: DuoSignatureVersion = .v5, retryPolicy: RetryPolicy = .duoRateLimit, jitter: Duration = .zero,
         clock: any WallClock = SystemWallClock(), skey: String = Fake.skey, ikey: String = Fake.ikey) async throws {
        (duo, api) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        timing = FakeRetryTiming(jitter: jitter)
        let configuration = DuoAuthConfiguration(integrationKey: try IntegrationKey(ikey), secretKey: try SecretKey(skey),
                                                 apiHost: try APIHost(Fake.host), signatureVersion: version, retryPolicy: retryPolicy)
        client = DuoAuthClient(configuration: configuration, transport: duo, timing: timing, clock: clock)
    }
}

/// A wall clock that moves one second forward on every reading.
final class SteppingClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    func now() -> Date { lock.withLock { current += 1; return current } }
}
