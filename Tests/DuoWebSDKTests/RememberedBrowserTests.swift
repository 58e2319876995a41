import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// A clock tests move by hand.
final class SteppingClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: TimeInterval

    init(_ seconds: TimeInterval) { self.seconds = seconds }

    func now() -> Date { lock.withLock { Date(timeIntervalSince1970: seconds) } }
    func set(_ value: TimeInterval) { lock.withLock { seconds = value } }
}

/// Remembered-browser tokens: issue, verify, tampering, policy and rotation.
struct RememberedBrowserTests {
    static let start: TimeInterval = 1_700_000_000
    static let secret = Array(0..<32).map { UInt8($0 * 7 + 3) }

    static func store(policy: RememberedBrowserPolicy = .standard) throws -> (SteppingClock, RememberedBrowserStore) {
        let clock = SteppingClock(start)
        return (clock, RememberedBrowserStore(key: try RememberedBrowserKey(id: "k2026", secret: secret), policy: policy, clock: clock))
    }

    @Test func validTokenSkipsDuo() async throws {
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        #expect(token.keyID == "k2026")
        #expect(token.issuedAt.timeIntervalSince1970 == Self.start)
        #expect(token.expiresAt.timeIntervalSince1970 == Self.start + 30 * 86_400)
        #expect(token.maxAge == 30 * 86_400)
        #expect(token.value.hasPrefix("rb1.k2026."))
        #expect(token.value.utf8.count <= RememberedBrowserToken.maximumLength)
        let verdict = await store.verify(token: token.value, username: "alice", provider: "Staff")
        guard case .skipDuo(let browser) = verdict else { Issue.record("expected skipDuo, got \(verdict)"); return }
        #expect(browser.keyID == "k2026")
        #expect(browser.expiresAt == token.expiresAt)
        // The provider name is compared ignoring case, as registry names are.
        #expect(await store.verify(token: token.value, username: "alice", provider: "STAFF").skipsDuo)
    }

    @Test func tokensAreUniqueAndOpaque() async throws {
        let (_, store) = try Self.store()
        let first = try await store.issue(username: "alice@example.edu", provider: "Staff")
        let second = try await store.issue(username: "alice@example.edu", provider: "Staff")
        #expect(first.value != second.value)
        #expect(!first.value.contains("alice"))
        #expect(!first.value.lowercased().contains("staff"))
    }

    @Test func expiresExactlyAtTheBoundary() async throws {
        let policy = try RememberedBrowserPolicy(lifetime: 3600)
        let (clock, store) = try Self.store(policy: policy)
        let token = try await store.issue(username: "alice", provider: "Staff")
        clock.set(Self.start + 3599)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
        clock.set(Self.start + 3600)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.expired))
        clock.set(Self.start + 10 * 86_400)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.expired))
    }

    @Test func defaultLifetimeIsThirtyDays() async throws {
        let (clock, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        clock.set(Self.start + 30 * 86_400 - 1)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
        clock.set(Self.start + 30 * 86_400)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.expired))
    }

    @Test func shorterPolicyShortensIssuedTokens() async throws {
        let (clock, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        await store.setPolicy(try RememberedBrowserPolicy(lifetime: 86_400))
        clock.set(Self.start + 86_399)
        let verdict = await store.verify(token: token.value, username: "alice", provider: "Staff")
        #expect(verdict.skipsDuo)
        if case .skipDuo(let browser) = verdict { #expect(browser.expiresAt.timeIntervalSince1970 == Self.start + 86_400) }
        clock.set(Self.start + 86_400)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.expired))
    }

    @Test func tokenFromTheFutureIsRefused() async throws {
        let (clock, store) = try Self.store()
        clock.set(Self.start + 600)
        let token = try await store.issue(username: "alice", provider: "Staff")
        clock.set(Self.start + 600 - 60)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
        clock.set(Self.start + 600 - 61)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.notYetValid))
    }

    @Test func wrongUserAndWrongProvider() async throws {
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        #expect(await store.verify(token: token.value, username: "bob", provider: "Staff") == .duoRequired(.wrongUser))
        #expect(await store.verify(token: token.value, username: "Alice", provider: "Staff") == .duoRequired(.wrongUser))
        #expect(await store.verify(token: token.value, username: "", provider: "Staff") == .duoRequired(.wrongUser))
        #expect(await store.verify(token: token.value, username: "alice", provider: "Students") == .duoRequired(.wrongProvider))
    }

    @Test func caseInsensitiveUsernamesWhenAsked() async throws {
        let (_, store) = try Self.store(policy: try RememberedBrowserPolicy(usernameComparison: .caseInsensitive))
        let token = try await store.issue(username: "Alice", provider: "Staff")
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
    }

    /// Flipping any single bit position's worth of any byte never yields a token that skips Duo.
    @Test func everyTamperedByteIsRefused() async throws {
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        let bytes = Array(token.value.utf8)
        var refusals: [RememberedBrowserRefusal: Int] = [:]
        for index in bytes.indices {
            for mask: UInt8 in [0x01, 0x02, 0x20] {
                var tampered = bytes
                tampered[index] ^= mask
                let verdict = await store.verify(token: String(decoding: tampered, as: UTF8.self), username: "alice", provider: "Staff")
                guard let refusal = verdict.refusal else {
                    Issue.record("byte \(index) ^ \(mask) was accepted")
                    continue
                }
                refusals[refusal, default: 0] += 1
            }
        }
        #expect(refusals.values.reduce(0, +) == bytes.count * 3)
        // Flips in the payload or MAC that keep the encoding valid are caught by the MAC.
        #expect((refusals[.badSignature] ?? 0) > 0)
        #expect((refusals[.malformed] ?? 0) > 0)
        #expect(Set(refusals.keys).isSubset(of: [.badSignature, .malformed]))
    }

    @Test func signatureFromAnotherKeyIsRefused() async throws {
        let (_, store) = try Self.store()
        let forger = RememberedBrowserStore(key: try RememberedBrowserKey(id: "k2026", secret: Array(repeating: 0x42, count: 32)),
                                            clock: SteppingClock(Self.start))
        let forged = try await forger.issue(username: "alice", provider: "Staff")
        #expect(await store.verify(token: forged.value, username: "alice", provider: "Staff") == .duoRequired(.badSignature))
    }

    @Test(arguments: [
        "", "rb1", "rb1...", "rb1.k2026", "rb2.k2026.AAAA.AAAA", "rb1.k2026.AAAA.AAAA",
        "rb1.k 26.AAAA.AAAA", "rb1.k2026.AAAA.AAAA.AAAA",
    ])
    func malformedTokens(token: String) async throws {
        let (_, store) = try Self.store()
        #expect(await store.verify(token: token, username: "alice", provider: "Staff") == .duoRequired(.malformed))
    }

    @Test func oversizedAndPaddedTokensAreMalformed() async throws {
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff").value
        for candidate in [token + String(repeating: "A", count: 300), token + "=", " " + token, token + "\n", token + ".", token.uppercased()] {
            #expect(await store.verify(token: candidate, username: "alice", provider: "Staff").refusal != nil)
        }
        #expect(await store.verify(token: token + String(repeating: "A", count: 300), username: "alice", provider: "Staff") == .duoRequired(.malformed))
        #expect(await store.verify(token: token + "=", username: "alice", provider: "Staff") == .duoRequired(.malformed))
    }

    @Test func policyOffForcesDuoEveryTime() async throws {
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        await store.setPolicy(.alwaysRequireDuo)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff") == .duoRequired(.policyForbids))
        #expect(await store.verify(token: "garbage", username: "alice", provider: "Staff") == .duoRequired(.policyForbids))
        await #expect(throws: RememberedBrowserError.rememberingDisabled) { try await store.issue(username: "alice", provider: "Staff") }
        // Switching back restores tokens that are still valid: the switch is a policy, not a revocation.
        await store.setPolicy(.standard)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
    }

    @Test func rotationRevokesEveryOlderToken() async throws {
        let (_, store) = try Self.store()
        let old = try await store.issue(username: "alice", provider: "Staff")
        let otherOld = try await store.issue(username: "bob", provider: "Students")
        try await store.rotateKey(to: try RememberedBrowserKey(id: "k2027", secret: Array(repeating: 9, count: 40)))
        #expect(await store.currentKeyID == "k2027")
        #expect(await store.verify(token: old.value, username: "alice", provider: "Staff") == .duoRequired(.keyRotated))
        #expect(await store.verify(token: otherOld.value, username: "bob", provider: "Students") == .duoRequired(.keyRotated))
        let fresh = try await store.issue(username: "alice", provider: "Staff")
        #expect(fresh.keyID == "k2027")
        #expect(await store.verify(token: fresh.value, username: "alice", provider: "Staff").skipsDuo)

        let generated = try await store.rotateKey()
        #expect(generated.id != "k2027")
        #expect(await store.retiredKeyIDs == ["k2026", "k2027"])
        #expect(await store.verify(token: fresh.value, username: "alice", provider: "Staff") == .duoRequired(.keyRotated))
        // Old ids cannot come back: tokens of the old key would look current again.
        await #expect(throws: RememberedBrowserError.keyIDReused) {
            try await store.rotateKey(to: try RememberedBrowserKey(id: "k2026", secret: Self.secret))
        }
        await #expect(throws: RememberedBrowserError.keyIDReused) {
            try await store.rotateKey(to: try RememberedBrowserKey(id: generated.id, secret: Self.secret))
        }
    }

    @Test func issuesOnlyAfterAnAllow() async throws {
        let clock = FixedWallClock(secondsSince1970: Self.start)
        let fake = try FakeDuo(clientID: Py.clientID, clientSecret: Py.secret, apiHost: Py.host.lowercased(), clock: clock)
        await fake.setUser(FakeDuoUser(username: "mallory", outcome: .deny))
        let registry = DuoProviderRegistry(transport: fake, clock: clock)
        try await registry.register(try ProviderRegistryTests.provider("Staff"))
        let duo = try await registry.client(forProviderNamed: "Staff")
        let store = RememberedBrowserStore(key: try RememberedBrowserKey(id: "k1", secret: Self.secret), clock: clock)

        func login(_ username: String) async throws -> DuoAuthorization {
            let state = duo.generateState()
            let redirect = try await fake.simulateBrowser(authorizationURL: try duo.authorizationURL(username: username, state: state))
            let callback = try duo.callback(from: redirect, expectedState: state)
            return try await duo.exchangeAuthorizationCode(callback.code, username: username)
        }
        let allowed = try await login("alice")
        let token = try await store.issue(username: "alice", provider: "Staff", after: allowed)
        #expect(await store.verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)

        await #expect(throws: RememberedBrowserError.notAllowed) { try await store.issue(username: "bob", provider: "Staff", after: allowed) }
        let denied = try await login("mallory")
        await #expect(throws: RememberedBrowserError.notAllowed) { try await store.issue(username: "mallory", provider: "Staff", after: denied) }
    }

    @Test func invalidKeysPoliciesAndArguments() async throws {
        #expect(throws: RememberedBrowserError.invalidKey) { try RememberedBrowserKey(id: "k1", secret: Array(repeating: 1, count: 31)) }
        #expect(throws: RememberedBrowserError.invalidKey) { try RememberedBrowserKey(id: "", secret: Self.secret) }
        #expect(throws: RememberedBrowserError.invalidKey) { try RememberedBrowserKey(id: "k.1", secret: Self.secret) }
        #expect(throws: RememberedBrowserError.invalidKey) { try RememberedBrowserKey(id: String(repeating: "k", count: 33), secret: Self.secret) }
        #expect(throws: RememberedBrowserError.invalidKey) { try RememberedBrowserKey(id: "k1", base64URLSecret: "not base64!") }
        #expect(throws: RememberedBrowserError.invalidPolicy) { try RememberedBrowserPolicy(lifetime: 59) }
        #expect(throws: RememberedBrowserError.invalidPolicy) { try RememberedBrowserPolicy(lifetime: .infinity) }
        #expect(throws: RememberedBrowserError.invalidPolicy) { try RememberedBrowserPolicy(lifetime: 401 * 86_400) }
        #expect(throws: RememberedBrowserError.invalidPolicy) { try RememberedBrowserPolicy(clockSkew: 301) }
        let (_, store) = try Self.store()
        await #expect(throws: RememberedBrowserError.invalidArgument) { try await store.issue(username: "", provider: "Staff") }
        await #expect(throws: RememberedBrowserError.invalidArgument) { try await store.issue(username: "alice", provider: "") }
        let error = await #expect(throws: RememberedBrowserError.invalidArgument) {
            try await store.issue(username: String(repeating: "a", count: 1025), provider: "Staff")
        }
        #expect(error?.recoverySuggestion?.isEmpty == false)
    }

    @Test func keyRoundTripsThroughBase64URL() async throws {
        let key = try RememberedBrowserKey.generate(id: "k9")
        let copy = try RememberedBrowserKey(id: "k9", base64URLSecret: key.base64URLSecret)
        let clock = SteppingClock(Self.start)
        let token = try await RememberedBrowserStore(key: key, clock: clock).issue(username: "alice", provider: "Staff")
        // Another server with the same key accepts the token.
        #expect(await RememberedBrowserStore(key: copy, clock: clock).verify(token: token.value, username: "alice", provider: "Staff").skipsDuo)
    }

    @Test func secretsStayOutOfDescriptions() async throws {
        let key = try RememberedBrowserKey(id: "k2026", secret: Self.secret)
        let (_, store) = try Self.store()
        let token = try await store.issue(username: "alice", provider: "Staff")
        let verdict = await store.verify(token: token.value, username: "alice", provider: "Staff")
        var dumpedKey = "", dumpedToken = ""
        dump(key, to: &dumpedKey)
        dump(token, to: &dumpedToken)
        let secretText = key.base64URLSecret
        for text in [key.description, key.debugDescription, String(reflecting: key), dumpedKey] {
            #expect(!text.contains(secretText))
            #expect(!text.contains("secret: ["))
            #expect(text.contains("k2026"))
        }
        #expect(key.description.contains("<redacted>"))
        for text in [token.description, token.debugDescription, String(reflecting: token), dumpedToken, "\(verdict)"] {
            #expect(!text.contains(token.value))
            // Not even the MAC alone.
            #expect(!text.contains(String(token.value.split(separator: ".").last ?? "-")))
        }
    }
}
