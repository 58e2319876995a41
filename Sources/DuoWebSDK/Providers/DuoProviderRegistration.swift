/// A provider that passed its health check and was saved in a ``DuoProviderRegistry``.
public struct DuoProviderRegistration: Sendable, CustomStringConvertible {
    /// The provider as stored.
    public let provider: DuoProvider
    /// Duo's answer to the health check run before saving.
    public let healthCheck: HealthCheckResult

    /// `Registered DuoProvider(...)`: the secret stays redacted.
    public var description: String { "Registered \(provider)" }
}
