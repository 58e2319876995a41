public import DuoCore
public import DuoTransport
public import Logging

/// Everything a ``DuoAuthClient`` needs: the Auth API application's keys and host, the signature
/// version, retries and transport settings.
///
/// The secret key is redacted in every description.
public struct DuoAuthConfiguration: Sendable {
    /// The integration key (ikey).
    public var integrationKey: IntegrationKey
    /// The secret key (skey).
    public var secretKey: SecretKey
    /// The API host.
    public var apiHost: APIHost
    /// The signature version (default v5, as Duo's current clients).
    public var signatureVersion: DuoSignatureVersion
    /// How HTTP 429 answers are retried (only 429 ever is). Default: Duo's schedule.
    public var retryPolicy: RetryPolicy
    /// Limits for requests Duo answers at once (ping, check, preauth, enroll, async auth start).
    /// `nil` uses the transport's default.
    public var standardTimeout: HTTPTimeout?
    /// Limits for requests Duo holds open until the user answers (synchronous push/phone auth and
    /// each `/auth_status` long poll). Default 10 s to connect, 75 s in all: Duo gives up on the
    /// user after about 60 s.
    public var userWaitTimeout: HTTPTimeout
    /// Trust, proxy, size cap and logging of the HTTPS transport (used by
    /// ``DuoAuthClient/init(configuration:)``).
    public var transport: TransportConfiguration
    /// The logger for debug lines (endpoint, status, attempt); never secrets or parameters.
    public var logger: Logger

    /// Creates a configuration.
    public init(
        integrationKey: IntegrationKey, secretKey: SecretKey, apiHost: APIHost,
        signatureVersion: DuoSignatureVersion = .v5, retryPolicy: RetryPolicy = .duoRateLimit,
        standardTimeout: HTTPTimeout? = nil, userWaitTimeout: HTTPTimeout = HTTPTimeout(connect: .seconds(10), total: .seconds(75)),
        transport: TransportConfiguration = TransportConfiguration(), logger: Logger = .duoDisabled
    ) {
        self.integrationKey = integrationKey
        self.secretKey = secretKey
        self.apiHost = apiHost
        self.signatureVersion = signatureVersion
        self.retryPolicy = retryPolicy
        self.standardTimeout = standardTimeout
        self.userWaitTimeout = userWaitTimeout
        self.transport = transport
        self.logger = logger
    }

    /// Creates a configuration from text, validating each value.
    ///
    /// - Throws: `DuoError` naming the invalid value (never showing the secret).
    public init(integrationKey: String, secretKey: String, apiHost: String, signatureVersion: DuoSignatureVersion = .v5) throws(DuoError) {
        self.init(integrationKey: try IntegrationKey(integrationKey), secretKey: try SecretKey(secretKey),
                  apiHost: try APIHost(apiHost), signatureVersion: signatureVersion)
    }
}

extension DuoAuthConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["integrationKey": integrationKey, "secretKey": secretKey, "apiHost": apiHost, "signatureVersion": signatureVersion,
         "retryPolicy": retryPolicy, "standardTimeout": standardTimeout as Any, "userWaitTimeout": userWaitTimeout, "transport": transport]
    }
    /// The settings, with the secret key redacted (the logger is left out).
    public var description: String { SafeReflection.description("DuoAuthConfiguration", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The settings, with the secret key redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
