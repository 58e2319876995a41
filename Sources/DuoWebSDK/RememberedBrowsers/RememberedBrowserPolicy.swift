public import Foundation

/// Whether browsers may be remembered, and for how long.
///
/// ``allowsRememberedBrowsers`` `false` is the equivalent of Auth0's
/// `allowRememberBrowser: false`: Duo is required at every login, no token is issued, and every
/// token already issued is refused with ``RememberedBrowserRefusal/policyForbids``.
public struct RememberedBrowserPolicy: Sendable, Hashable {
    /// The default lifetime: 30 days.
    public static let defaultLifetime: TimeInterval = 30 * 86_400
    /// The accepted lifetimes: 1 minute to 400 days.
    public static let lifetimeRange: ClosedRange<TimeInterval> = 60...(400 * 86_400)

    /// Whether a browser may skip Duo after an earlier allow.
    public let allowsRememberedBrowsers: Bool
    /// How long a token stays valid, in whole seconds. Shortening it also shortens tokens already
    /// issued: a token is valid until the earlier of its own expiry and its issue time plus the
    /// current lifetime.
    public let lifetime: TimeInterval
    /// How far in the future a token's issue time may be (servers' clocks differ), in seconds.
    public let clockSkew: TimeInterval
    /// How usernames are compared: exact (default), or ignoring case.
    public let usernameComparison: UsernameComparison

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - allowsRememberedBrowsers: Whether browsers may be remembered (default `true`).
    ///   - lifetime: Seconds, 60...34 560 000 (default 30 days); fractions are dropped.
    ///   - clockSkew: Seconds, 0...300 (default 60).
    ///   - usernameComparison: Exact (default) or case-insensitive.
    /// - Throws: ``RememberedBrowserError/invalidPolicy``.
    public init(
        allowsRememberedBrowsers: Bool = true, lifetime: TimeInterval = defaultLifetime, clockSkew: TimeInterval = 60,
        usernameComparison: UsernameComparison = .exact
    ) throws(RememberedBrowserError) {
        guard lifetime.isFinite, Self.lifetimeRange.contains(lifetime) else {
            throw .kind(.invalidPolicy, "the lifetime must be 60 seconds to 400 days")
        }
        guard clockSkew.isFinite, (0...300).contains(clockSkew) else {
            throw .kind(.invalidPolicy, "the clock skew must be 0 to 300 seconds")
        }
        self.allowsRememberedBrowsers = allowsRememberedBrowsers
        self.lifetime = lifetime.rounded(.down)
        self.clockSkew = clockSkew.rounded(.down)
        self.usernameComparison = usernameComparison
    }

    private init(unchecked allows: Bool) {
        allowsRememberedBrowsers = allows
        lifetime = Self.defaultLifetime
        clockSkew = 60
        usernameComparison = .exact
    }

    /// Browsers are remembered for 30 days.
    public static let standard = RememberedBrowserPolicy(unchecked: true)
    /// Browsers are never remembered: Duo at every login.
    public static let alwaysRequireDuo = RememberedBrowserPolicy(unchecked: false)
}
