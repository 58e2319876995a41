public import Logging

extension Logger {
    /// A logger that drops everything: the default wherever a caller injects no logger.
    ///
    /// The library never calls `LoggingSystem.bootstrap`; pass your own `Logger` to the client
    /// configurations to see the SDK's debug output (method, host, path, status, duration: never
    /// secrets, tokens, codes or query strings).
    public static var duoDisabled: Logger {
        Logger(label: "swift-duo.disabled", factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
