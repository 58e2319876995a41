#if Emulator
/// What a ``DuoEmulator`` plays: the application it protects and the credentials it accepts.
///
/// The defaults are throwaway test credentials, printed by `duo-emulator` at start; they are
/// only good against an emulator.
public struct DuoEmulatorConfiguration: Sendable {
    /// The Universal Prompt client ID (20 characters, like Duo's).
    public var clientID: String
    /// The Universal Prompt client secret (40 characters).
    public var clientSecret: String
    /// The Auth API integration key.
    public var integrationKey: String
    /// The Auth API secret key.
    public var secretKey: String
    /// The application name the prompt shows ("signing in to …").
    public var applicationName: String
    /// How long a push waits for an answer on the emulated phone, in seconds.
    public var pushLifetime: Double

    /// Creates a configuration; every argument has a test default.
    public init(clientID: String = "DIEMULATOR0000000001",
                clientSecret: String = "emulatorsecret-emulatorsecret-emulatorse",
                integrationKey: String = "DIEMULATORAUTHAPI001",
                secretKey: String = "emulatorskey-emulatorskey-emulatorskey00",
                applicationName: String = "University Mail",
                pushLifetime: Double = 60) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.integrationKey = integrationKey
        self.secretKey = secretKey
        self.applicationName = applicationName
        self.pushLifetime = pushLifetime
    }
}
#endif
