public import DuoCore
import Foundation

/// "Remember this browser for 30 days": after Duo allows a login, issue a signed token for the
/// browser to keep; at the next login, verify it to skip Duo.
///
/// Tokens live in the browser (a cookie); the store holds only the current key, the ids of
/// retired keys and the policy. A token is bound to the username and the provider name, carries
/// its issue time, expiry and key id, and is signed with HMAC-SHA256 (format: see
/// ``RememberedBrowserToken``). Verification parses strictly, compares MACs in constant time, and
/// reads time from the injected clock.
///
/// - Turning ``RememberedBrowserPolicy/allowsRememberedBrowsers`` off (Auth0's
///   `allowRememberBrowser: false`) makes every verification answer "Duo required".
/// - Rotating the key (``rotateKey(to:)``) revokes every token signed with an older key.
///
/// ```swift
/// let browsers = RememberedBrowserStore(key: try RememberedBrowserKey(id: "2026-11", base64URLSecret: env["REMEMBER_KEY"] ?? ""))
/// // login: the password was right
/// if case .skipDuo = await browsers.verify(token: cookie, username: username, provider: "Staff") { return signIn(username) }
/// // callback: Duo allowed, and the user ticked "Remember this browser"
/// let token = try await browsers.issue(username: username, provider: "Staff", after: authorization)
/// response.setCookie("remember_duo", token.value, maxAge: token.maxAge)
/// ```
public actor RememberedBrowserStore {
    /// How many retired key ids are kept, to tell "key rotated" from "forged".
    public static let retiredKeyMemory = 64
    /// The longest username or provider name accepted when issuing, in bytes.
    public static let maximumNameLength = 1024

    /// The policy in force.
    public private(set) var policy: RememberedBrowserPolicy
    /// The time source.
    public nonisolated let clock: any WallClock
    private var signer: RememberedBrowserSigner
    private var retired: [String] = []

    /// Creates a store.
    ///
    /// - Parameters:
    ///   - key: The current signing key.
    ///   - policy: The policy (default: remembered for 30 days).
    ///   - clock: The time source (default the system clock).
    public init(key: RememberedBrowserKey, policy: RememberedBrowserPolicy = .standard, clock: any WallClock = SystemWallClock()) {
        self.signer = RememberedBrowserSigner(key: key)
        self.policy = policy
        self.clock = clock
    }

    /// The id of the current key.
    public var currentKeyID: String { signer.keyID }

    /// The ids of retired keys, oldest first (at most ``retiredKeyMemory``).
    public var retiredKeyIDs: [String] { retired }

    /// Replaces the policy; it applies to the very next verification.
    ///
    /// - Parameter policy: The new policy.
    public func setPolicy(_ policy: RememberedBrowserPolicy) { self.policy = policy }

    /// Makes a new key current: every token signed with an older key is refused from now on
    /// (``RememberedBrowserRefusal/keyRotated``).
    ///
    /// - Parameter key: The new key; its id must differ from the current and retired ones.
    /// - Throws: ``RememberedBrowserError/keyIDReused``.
    public func rotateKey(to key: RememberedBrowserKey) throws(RememberedBrowserError) {
        guard key.id != signer.keyID, !retired.contains(key.id) else {
            throw .kind(.keyIDReused, "key id \(key.id) was already used")
        }
        retired.append(signer.keyID)
        if retired.count > Self.retiredKeyMemory { retired.removeFirst(retired.count - Self.retiredKeyMemory) }
        signer = RememberedBrowserSigner(key: key)
    }

    /// Generates a new random key and makes it current, revoking every token issued so far.
    ///
    /// - Returns: The new key, so it can be stored for the application's other servers.
    /// - Throws: ``RememberedBrowserError/keyIDReused`` only if 16 random ids in a row collided
    ///   with kept ones, which does not happen in practice; the current key then stays.
    @discardableResult
    public func rotateKey() throws(RememberedBrowserError) -> RememberedBrowserKey {
        var lastError = RememberedBrowserError.kind(.keyIDReused, "no unused random key id was found")
        for _ in 0..<16 {
            do {
                let key = try RememberedBrowserKey.generate()
                try rotateKey(to: key)
                return key
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    // MARK: Issuing

    /// Issues a token after Duo allowed the login.
    ///
    /// - Parameters:
    ///   - username: The user who signed in (the name your application verifies later).
    ///   - provider: The name of the Duo provider that allowed the login.
    ///   - authorization: Duo's verified result; it must be an allow.
    /// - Returns: The token for the browser.
    /// - Throws: ``RememberedBrowserError/notAllowed`` (not an allow, or an allow for another user,
    ///   compared as the policy's ``RememberedBrowserPolicy/usernameComparison`` says),
    ///   ``RememberedBrowserError/rememberingDisabled`` or
    ///   ``RememberedBrowserError/invalidArgument``.
    public func issue(username: String, provider: String, after authorization: DuoAuthorization) throws(RememberedBrowserError) -> RememberedBrowserToken {
        guard authorization.isAllowed else { throw .kind(.notAllowed, "Duo's result was \(authorization.result.result)") }
        // DuoWebClient already matched preferred_username to the user; this guards against
        // handing one user's result to another user's session.
        guard policy.usernameComparison.matches(authorization.preferredUsername, username) else {
            throw .kind(.notAllowed, "Duo's result is for another user")
        }
        return try issue(username: username, provider: provider)
    }

    /// Issues a token; call it only after the user passed Duo (for example an Auth API allow).
    ///
    /// - Parameters:
    ///   - username: The user who signed in.
    ///   - provider: The name of the Duo provider that allowed the login.
    /// - Returns: The token for the browser.
    /// - Throws: ``RememberedBrowserError/rememberingDisabled`` or ``RememberedBrowserError/invalidArgument``.
    public func issue(username: String, provider: String) throws(RememberedBrowserError) -> RememberedBrowserToken {
        guard policy.allowsRememberedBrowsers else { throw .kind(.rememberingDisabled, nil) }
        guard !username.isEmpty, username.utf8.count <= Self.maximumNameLength else {
            throw .kind(.invalidArgument, "the username must be 1 to \(Self.maximumNameLength) bytes")
        }
        guard !provider.isEmpty, provider.utf8.count <= Self.maximumNameLength else {
            throw .kind(.invalidArgument, "the provider name must be 1 to \(Self.maximumNameLength) bytes")
        }
        guard let issued = now else { throw .kind(.invalidArgument, "the clock reads a time outside the years 1970 to 9999") }
        let expires = issued + Int64(policy.lifetime)
        let value = signer.sign(issuedAt: issued, expiresAt: expires, user: normalized(username), provider: provider.asciiLowercased)
        return RememberedBrowserToken(value: value, keyID: signer.keyID, issuedAt: Date(timeIntervalSince1970: TimeInterval(issued)),
                                      expiresAt: Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    // MARK: Verifying

    /// Decides whether a browser's token lets this login skip Duo.
    ///
    /// Checks, in order: the policy, the exact format, the key id (current, retired or unknown),
    /// the MAC (constant time), the issue time (not beyond the clock skew in the future), the
    /// expiry (the earlier of the token's own and issue time plus the current lifetime; at that
    /// second the token is already expired), the user, then the provider.
    ///
    /// - Parameters:
    ///   - token: The cookie's value (anything: it is parsed strictly).
    ///   - username: The user signing in now.
    ///   - provider: The name of the Duo provider this login would use.
    /// - Returns: ``RememberedBrowserVerdict/skipDuo(_:)``, or
    ///   ``RememberedBrowserVerdict/duoRequired(_:)`` with the reason.
    public func verify(token: String, username: String, provider: String) -> RememberedBrowserVerdict {
        guard policy.allowsRememberedBrowsers else { return .duoRequired(.policyForbids) }
        guard let parsed = RememberedBrowserSigner.parse(token) else { return .duoRequired(.malformed) }
        guard parsed.keyID == signer.keyID else {
            return .duoRequired(retired.contains(parsed.keyID) ? .keyRotated : .badSignature)
        }
        guard let payload = signer.verify(parsed) else { return .duoRequired(.badSignature) }
        guard let current = now else { return .duoRequired(.expired) }
        guard payload.issuedAt <= current + Int64(policy.clockSkew) else { return .duoRequired(.notYetValid) }
        let (limit, overflow) = payload.issuedAt.addingReportingOverflow(Int64(policy.lifetime))
        let expiry = overflow ? payload.expiresAt : min(payload.expiresAt, limit)
        guard current < expiry else { return .duoRequired(.expired) }
        // A name longer than any that can be issued cannot match; it is not worth hashing.
        guard username.utf8.count <= Self.maximumNameLength,
              ConstantTime.equals(payload.userTag, signer.tag("user", normalized(username))) else { return .duoRequired(.wrongUser) }
        guard ConstantTime.equals(payload.providerTag, signer.tag("provider", provider.asciiLowercased)) else { return .duoRequired(.wrongProvider) }
        return .skipDuo(RememberedBrowser(keyID: signer.keyID, issuedAt: Date(timeIntervalSince1970: TimeInterval(payload.issuedAt)),
                                          expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry))))
    }

    // MARK: Helpers

    /// The clock in whole seconds, or `nil` for a clock outside 1970–9999 (then nothing is
    /// issued and every token needs Duo: a broken clock fails closed).
    private var now: Int64? { clock.unixSeconds }

    private func normalized(_ username: String) -> String { policy.usernameComparison.normalized(username) }
}

extension RememberedBrowserStore: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `RememberedBrowserStore(keys: <redacted>)`: the signing key and its schedule are never shown.
    public nonisolated var description: String { SafeReflection.description("RememberedBrowserStore", ["keys": SafeReflection.redacted]) }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// No children: the keys are the store's whole state worth hiding.
    public nonisolated var customMirror: Mirror { SafeReflection.mirror(self, [:], style: .class) }
}
