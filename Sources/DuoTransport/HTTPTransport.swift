/// The seam between the Duo clients and the network.
///
/// `DuoWebSDK` and `DuoAuthAPI` build ``HTTPRequest`` values and hand them to an `HTTPTransport`;
/// they never touch sockets or libcurl. Production code uses `CurlTransport`; tests use the
/// scripted doubles and the in-process `FakeDuo` of the `DuoTesting` product, or any type of
/// your own.
///
/// Implementations must:
/// - return every HTTP answer, whatever its status (a 4xx/5xx is a response, not an error);
/// - never follow redirects (a 3xx is returned as it is);
/// - throw a ``TransportError`` for failures to get an answer (DNS, connect, TLS, timeout, size
///   cap, cancellation);
/// - honour task cancellation promptly;
/// - apply ``HTTPRequest/retryPolicy`` when one is set (see ``RetryPolicy``);
/// - never send a request whose ``HTTPRequest/isIdempotent`` is `false` a second time after a
///   failure (a retry after HTTP 429, which Duo refused without acting, is the retry policy's),
///   and throw ``TransportError/droppedAfterSending`` when its connection drops after it was sent.
public protocol HTTPTransport: Sendable {
    /// Sends a request and returns the response.
    ///
    /// - Parameter request: The request.
    /// - Returns: The response, whatever its status.
    /// - Throws: ``TransportError`` when no response could be had.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// An executor on which callers can run to save thread hand-offs, or `nil` (the default).
    ///
    /// `CurlTransport` returns its transfer thread. Pass it to `withTaskExecutorPreference(_:)`
    /// or `Task(executorPreference:)`; `nil` there means no preference, so the call is right for
    /// any transport.
    var preferredTaskExecutor: (any TaskExecutor)? { get }
}

extension HTTPTransport {
    /// No preference: callers run wherever Swift puts them.
    public var preferredTaskExecutor: (any TaskExecutor)? { nil }
}
