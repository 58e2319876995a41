public import DuoCore
public import DuoTransport
public import Foundation
public import Logging

/// Everything a ``DuoWebClient`` needs, validated once when the client is made.
///
/// ```swift
/// let configuration = try DuoWebConfiguration(
///     clientID: env["DUO_CLIENT_ID"]!, clientSecret: env["DUO_CLIENT_SECRET"]!,
///     apiHost: "api-xxxxxxxx.duosecurity.com", redirectURI: "https://app.example.com/duo/callback")
/// ```
public struct DuoWebConfiguration: Sendable {
    /// The longest allowed JWT lifetime, in seconds (Duo refuses longer-lived assertions).
    public static let maximumJWTLifetime = 300

    /// The Client ID of the Web SDK application.
    public var clientID: ClientID
    /// The Client secret: the HS512 key of every JWT, both ways.
    public var clientSecret: ClientSecret
    /// The API hostname (`api-xxxxxxxx.duosecurity.com`, or `host:port` for an emulator).
    public var apiHost: APIHost
    /// Where Duo sends the browser back: https, or http to a loopback host.
    public var redirectURI: URL
    /// Whether Duo names the code `duo_code` (default `true`) rather than `code` in the callback.
    public var useDuoCodeAttribute: Bool
    /// The lifetime of the JWTs this client signs, in seconds: 1...300 (default 300).
    public var jwtLifetime: Int
    /// Tolerated clock difference when checking Duo's id_token, in seconds: 0...300 (default 60).
    public var leeway: TimeInterval
    /// How `preferred_username` is compared (default ``UsernameComparison/exact``).
    public var usernameComparison: UsernameComparison
    /// Trust, proxy, timeouts and User-Agent suffix of the HTTPS transport.
    public var transport: TransportConfiguration
    /// The time source for JWT lifetimes and id_token checks.
    public var clock: any WallClock
    /// Debug output (endpoint, status, outcome kind: never secrets, codes or tokens).
    public var logger: Logger

    /// Creates a configuration from validated values.
    ///
    /// - Parameters:
    ///   - clientID: The Client ID.
    ///   - clientSecret: The Client secret.
    ///   - apiHost: The API hostname.
    ///   - redirectURI: The callback URL registered for the application.
    ///   - useDuoCodeAttribute: `duo_code` (default) or `code` in the callback.
    ///   - jwtLifetime: Seconds, 1...300 (default 300).
    ///   - leeway: Seconds, 0...300 (default 60).
    ///   - usernameComparison: Exact (default) or case-insensitive.
    ///   - transport: Transport settings (default: pinned Duo roots, 30 s).
    ///   - clock: The clock (default the system clock).
    ///   - logger: The logger (default: disabled).
    public init(
        clientID: ClientID,
        clientSecret: ClientSecret,
        apiHost: APIHost,
        redirectURI: URL,
        useDuoCodeAttribute: Bool = true,
        jwtLifetime: Int = 300,
        leeway: TimeInterval = 60,
        usernameComparison: UsernameComparison = .exact,
        transport: TransportConfiguration = TransportConfiguration(),
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .duoDisabled
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.apiHost = apiHost
        self.redirectURI = redirectURI
        self.useDuoCodeAttribute = useDuoCodeAttribute
        self.jwtLifetime = jwtLifetime
        self.leeway = leeway
        self.usernameComparison = usernameComparison
        self.transport = transport
        self.clock = clock
        self.logger = logger
    }

    /// Creates a configuration from the texts in the Duo Admin Panel, validating each.
    ///
    /// - Throws: ``DuoWebError/invalidConfiguration`` naming the bad value (never echoing the secret).
    public init(
        clientID: String,
        clientSecret: String,
        apiHost: String,
        redirectURI: String,
        useDuoCodeAttribute: Bool = true,
        jwtLifetime: Int = 300,
        leeway: TimeInterval = 60,
        usernameComparison: UsernameComparison = .exact,
        transport: TransportConfiguration = TransportConfiguration(),
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .duoDisabled
    ) throws(DuoWebError) {
        let id: ClientID, secret: ClientSecret, host: APIHost
        do { id = try ClientID(clientID) } catch { throw .configuration(error.reason ?? "invalid client ID", core: error) }
        do { secret = try ClientSecret(clientSecret) } catch { throw .configuration(error.reason ?? "invalid client secret", core: error) }
        do { host = try APIHost(apiHost) } catch { throw .configuration(error.reason ?? "invalid API hostname", core: error) }
        guard !redirectURI.isEmpty, let url = URL(string: redirectURI) else {
            throw .configuration("the redirect URI is empty or not a URL")
        }
        self.init(clientID: id, clientSecret: secret, apiHost: host, redirectURI: url,
                  useDuoCodeAttribute: useDuoCodeAttribute, jwtLifetime: jwtLifetime, leeway: leeway,
                  usernameComparison: usernameComparison, transport: transport, clock: clock, logger: logger)
        try validate()
    }

    /// Checks the values that types alone do not guarantee.
    ///
    /// - Throws: ``DuoWebError/invalidConfiguration``.
    public func validate() throws(DuoWebError) {
        guard let scheme = redirectURI.scheme?.lowercased(), let host = redirectURI.host, !host.isEmpty else {
            throw .configuration("the redirect URI must be an absolute https URL")
        }
        switch scheme {
        case "https": break
        case "http":
            let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            guard LoopbackHost.contains(bare) else { throw .configuration("the redirect URI must use https (http is allowed only for localhost or 127.0.0.1)") }
        default:
            throw .configuration("the redirect URI must use https, not \(scheme)")
        }
        guard redirectURI.fragment == nil else { throw .configuration("the redirect URI must not have a #fragment") }
        guard (1...Self.maximumJWTLifetime).contains(jwtLifetime) else {
            throw .configuration("the JWT lifetime must be 1 to 300 seconds, got \(jwtLifetime)")
        }
        guard leeway.isFinite, (0...300).contains(leeway) else {
            throw .configuration("the leeway must be 0 to 300 seconds")
        }
    }

    /// `https://{api host}`: the audience of the authorization request JWT.
    public var baseURLString: String { apiHost.httpsBaseURL }
    /// The health-check endpoint URL (also that request's assertion audience).
    public var healthCheckURLString: String { baseURLString + "/oauth/v1/health_check" }
    /// The token endpoint URL; also the expected `iss` of id_tokens.
    public var tokenURLString: String { baseURLString + "/oauth/v1/token" }
    /// The authorization endpoint URL.
    public var authorizeURLString: String { baseURLString + "/oauth/v1/authorize" }
}

extension DuoWebConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["clientID": clientID, "clientSecret": clientSecret, "apiHost": apiHost, "redirectURI": redirectURI,
         "useDuoCodeAttribute": useDuoCodeAttribute, "jwtLifetime": jwtLifetime, "leeway": leeway,
         "usernameComparison": usernameComparison, "transport": transport]
    }
    /// The settings, with the client secret redacted (the clock and logger are left out).
    public var description: String { SafeReflection.description("DuoWebConfiguration", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The settings, with the client secret redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
