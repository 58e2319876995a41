/// How the demo runs: where it listens and which Duo it talks to.
public struct LoginDemoOptions: Sendable {
    /// The credentials of a real Duo application, from `DUO_API_HOST`, `DUO_CLIENT_ID` and
    /// `DUO_CLIENT_SECRET`. When `nil`, the demo embeds the emulator on its own port.
    public struct RealDuo: Sendable {
        public var apiHost: String
        public var clientID: String
        public var clientSecret: String
        public init(apiHost: String, clientID: String, clientSecret: String) {
            self.apiHost = apiHost
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
    }

    /// The loopback port (default 8080).
    public var port: Int
    /// Real Duo, or `nil` for the embedded emulator.
    public var realDuo: RealDuo?
    /// How long an emulated push waits for an answer, in seconds.
    public var pushLifetime: Double

    /// Creates options.
    public init(port: Int = 8080, realDuo: RealDuo? = nil, pushLifetime: Double = 60) {
        self.port = port
        self.realDuo = realDuo
        self.pushLifetime = pushLifetime
    }

    /// Reads `DEMO_PORT` and the `DUO_*` variables: all three Duo variables switch to real Duo.
    public static func fromEnvironment(_ environment: [String: String]) -> LoginDemoOptions {
        var options = LoginDemoOptions()
        if let port = environment["DEMO_PORT"].flatMap(Int.init), (1...65535).contains(port) { options.port = port }
        if let host = environment["DUO_API_HOST"], let id = environment["DUO_CLIENT_ID"], let secret = environment["DUO_CLIENT_SECRET"],
           !host.isEmpty, !id.isEmpty, !secret.isEmpty {
            options.realDuo = RealDuo(apiHost: host, clientID: id, clientSecret: secret)
        }
        return options
    }
}
