import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation

/// The `DUO_*` variables of the Auth API commands (cli.md Part 2), parsed and validated before
/// any request is sent. A problem names the variable; the secret key is never shown.
struct AuthEnvironment {
    typealias Problem = UniversalEnvironment.Problem

    /// Default limit for requests Duo answers at once (ping, check, preauth, async auth start).
    static let standardTimeout = HTTPTimeout(connect: .seconds(10), total: .seconds(30))
    /// Default limit for a synchronous push/phone and each status poll: Duo holds them about
    /// 60 s; the contract allows at most 120 s.
    static let userWaitTimeout = HTTPTimeout(connect: .seconds(10), total: .seconds(90))

    let configuration: DuoAuthConfiguration

    /// Reads and validates the environment.
    ///
    /// - Parameter environment: The process environment (injectable for tests).
    /// - Throws: ``UniversalEnvironment/Problem`` naming the first bad variable.
    init(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(Problem) {
        let reading = EnvironmentReading(environment: environment)
        let ikey = try reading.validated("DUO_INTEGRATION_KEY") { text throws(DuoError) in try IntegrationKey(text) }
        let skey = try reading.validated("DUO_SECRET_KEY") { text throws(DuoError) in try SecretKey(text) }
        let host = try reading.validated("DUO_API_HOST") { text throws(DuoError) in try APIHost(text) }

        let version: DuoSignatureVersion
        switch environment["DUO_SIG_VERSION"] {
        case nil, "5"?: version = .v5
        case "2"?: version = .v2
        case let other?: throw Problem(variable: "DUO_SIG_VERSION", message: "must be 2 or 5, got '\(other.prefix(20))'")
        }
        let retries = try reading.integer("DUO_MAX_RETRIES", default: 6, in: 0...30)
        var base = 1.0
        if let text = environment["DUO_BACKOFF_BASE"] {
            guard let seconds = EnvironmentReading.decimalSeconds(text), seconds <= 3600 else {
                throw Problem(variable: "DUO_BACKOFF_BASE", message: "must be a number of seconds greater than 0 (decimals allowed), got '\(text.prefix(40))'")
            }
            base = seconds
        }
        let timeout = try reading.httpTimeout()
        var transport = TransportConfiguration()
        transport.trust = try reading.trust()
        transport.timeout = timeout ?? Self.standardTimeout

        // The retries are bounded by their count; the deadline only guards against overflow, so
        // it covers every wait (with jitter) and every attempt at its longest.
        let waits = base * (pow(2, Double(retries)) - 1) + Double(retries)
        let attempts = Double(retries + 1) * Double((timeout ?? Self.userWaitTimeout).total.components.seconds + 1)
        let policy = RetryPolicy(maxRetries: retries, baseDelay: .milliseconds(Int64((base * 1000).rounded())),
                                 deadline: .seconds(Int64(min(waits + attempts + 60, 1e9))))
        configuration = DuoAuthConfiguration(
            integrationKey: ikey, secretKey: skey, apiHost: host, signatureVersion: version, retryPolicy: policy,
            standardTimeout: timeout ?? Self.standardTimeout, userWaitTimeout: timeout ?? Self.userWaitTimeout, transport: transport)
    }
}
