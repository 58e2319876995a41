/// A successful answer of Duo's health check (`stat: OK`).
public struct HealthCheckResult: Sendable, Hashable {
    /// Duo's `response.timestamp` (seconds since the epoch), when sent.
    public let timestamp: Int64?
}
