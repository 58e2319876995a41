public import DuoTransport

extension DuoWebClient {
    /// The executor this client's transport prefers its callers to run on, or `nil`.
    ///
    /// With the default `CurlTransport` this is the transport's transfer thread: code that makes
    /// many calls in a row (a batch of health checks, a migration script) runs there with no
    /// thread hand-off per request. `nil` (an in-process test double, say) means no preference,
    /// so the same code works with any transport:
    ///
    /// ```swift
    /// try await withTaskExecutorPreference(duo.preferredTaskExecutor) {
    ///     for _ in 0..<10 { _ = try await duo.healthCheck() }
    /// }
    /// ```
    ///
    /// Keep work run this way short and non-blocking: while it runs, that thread moves no other
    /// transfer. See `HTTPTransport.preferredTaskExecutor`.
    public var preferredTaskExecutor: (any TaskExecutor)? { transport.preferredTaskExecutor }
}
