public import DuoTransport

extension DuoAuthClient {
    /// The executor this client's transport prefers its callers to run on, or `nil`.
    ///
    /// With the default `CurlTransport` this is the transport's transfer thread: a gateway that
    /// makes many Auth API calls in a row can run them there with no thread hand-off per request.
    /// `nil` means no preference, so the same code works with any transport:
    ///
    /// ```swift
    /// let status = try await withTaskExecutorPreference(duo.preferredTaskExecutor) {
    ///     try await duo.check()
    /// }
    /// ```
    ///
    /// Keep work run this way short and non-blocking: while it runs, that thread moves no other
    /// transfer. See `HTTPTransport.preferredTaskExecutor`.
    public var preferredTaskExecutor: (any TaskExecutor)? { transport.preferredTaskExecutor }
}
