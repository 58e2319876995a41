import CCurl
import DuoCore
import Foundation
import Logging

/// The production ``HTTPTransport``: HTTPS to Duo over the system libcurl.
///
/// - Trust: Duo's 15 pinned root CAs by default (``TrustPolicy/duoPinned``), never the system
///   store unless ``TrustPolicy/system`` is chosen; host names are always verified and no
///   setting turns verification off.
/// - Connections: one keep-alive pool per transport, shared by all requests, idle connections
///   closed after ``TransportConfiguration/maximumIdleTime``. Create one transport and share it.
/// - Async: transfers run on one dedicated thread per transport (a `curl_multi` loop), never on
///   Swift's cooperative pool; cancelling the calling task aborts the transfer at once with
///   ``TransportError/cancelled``.
/// - Limits: connect and total timeouts (per request or from the configuration), a response
///   size cap, a 64 KiB cap on the response header section, no redirects (a 3xx is returned as
///   it is), `https` only (plain `http` only to a loopback host when
///   ``TransportConfiguration/allowsInsecureLoopbackHTTP`` is set), TLS 1.2 or later.
/// - Sent once: a request that is not ``HTTPRequest/isIdempotent`` goes on a new connection and
///   is never sent a second time; a connection dropped after it went out is
///   ``TransportError/droppedAfterSending``. Idempotent requests are sent again on a new
///   connection when a kept-alive one turns out to be closed.
/// - Proxy: an explicit HTTP CONNECT proxy, or the environment's only when
///   ``TransportConfiguration/usesEnvironmentProxy`` is set. No other environment variable
///   (`no_proxy`, `SSLKEYLOGFILE`, a `.netrc`) changes what the transport does.
///
/// ```swift
/// let transport = try CurlTransport()
/// let response = try await transport.send(HTTPRequest(method: .get, url: url))
/// ```
public final class CurlTransport: HTTPTransport {
    private let configuration: TransportConfiguration
    let loop: CurlMultiLoop
    private let logger: Logger
    private let targets = RequestTargetCache()

    /// The `User-Agent` sent with every request that does not set its own.
    public let userAgent: String

    /// The transport's transfer thread as a task executor.
    ///
    /// By default an awaiting task and the transfer thread are two threads, so a sequential
    /// request crosses between them twice: the submit wakes the transfer thread and the response
    /// wakes a thread of Swift's cooperative pool. A task that prefers this executor runs its
    /// nonisolated code on the transfer thread between transfers instead, so a loop of requests
    /// costs no hand-offs (about a fifth more sequential requests per second against a local
    /// server; `Documentation/Performance.md` has the figures):
    ///
    /// ```swift
    /// try await withTaskExecutorPreference(transport.preferredTaskExecutor) {
    ///     for request in requests {
    ///         let response = try await transport.send(request)
    ///         // ...
    ///     }
    /// }
    /// ```
    ///
    /// Use it for short, non-blocking work that mostly waits on Duo, such as a batch of
    /// sequential calls: while the thread runs your code it does not move other transfers, so
    /// never block it (no synchronous file or lock waits, no long CPU work). Actor-isolated code
    /// still runs on its actor. After the transport is released, work sent to this executor runs
    /// on the global concurrent executor.
    public var preferredTaskExecutor: (any TaskExecutor)? { loop }

    /// Creates a transport and starts its transfer thread.
    ///
    /// - Parameter configuration: Trust, proxy, limits, User-Agent suffix and logger.
    /// - Throws: ``TransportError/invalidConfiguration`` when a setting is unusable (an unreadable
    ///   or empty CA file, a proxy URL that is not `http://host:port`, control characters in the
    ///   User-Agent suffix, a non-positive size cap) or libcurl lacks a needed feature.
    public convenience init(configuration: TransportConfiguration = .init()) throws {
        try self.init(configuration: configuration, adjusting: { _ in })
    }

    /// Creates a transport whose libcurl settings `adjust` changes after they are derived from
    /// the configuration (tests only).
    init(configuration: TransportConfiguration, adjusting adjust: (inout CurlSettings) -> Void) throws {
        self.configuration = configuration
        self.logger = configuration.logger
        var settings = try Self.settings(for: configuration)
        adjust(&settings)
        self.userAgent = settings.userAgent
        // Apply every transport-wide option once now, so that a libcurl too old for one of them
        // fails here, not on the first request.
        guard let probe = EasyHandle() else {
            throw TransportError(.invalidConfiguration, reason: "libcurl could not create an easy handle")
        }
        try probe.reset()
        try settings.apply(to: probe)
        try probe.set(CURLOPT_PROTOCOLS_STR, "https", "PROTOCOLS_STR")
        self.loop = try CurlMultiLoop(settings: settings)
    }

    deinit {
        loop.shutdown()
    }

    /// Sends a request and returns the response, whatever its status.
    ///
    /// Applies ``HTTPRequest/retryPolicy`` (HTTP 429 only) when one is set.
    ///
    /// - Parameter request: The request.
    /// - Returns: The response.
    /// - Throws: ``TransportError``: `insecureURL`/`malformedURL` before any I/O, the network and
    ///   TLS failures, `timedOut`, `responseTooLarge`, `cancelled`, `rateLimited`,
    ///   `droppedAfterSending` (a request that is not idempotent may have reached Duo).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let prepared = try prepare(request)
        guard let policy = request.retryPolicy else {
            return try await perform(prepared, for: request)
        }
        return try await RateLimitRetrier(policy: policy).run { _ in
            try await perform(prepared, for: request)
        }
    }

    private func perform(_ prepared: PreparedRequest, for request: HTTPRequest) async throws -> HTTPResponse {
        guard !Task.isCancelled else { throw TransportError(.cancelled, reason: "the task was cancelled before the request was sent") }
        let started = ContinuousClock.now
        let job = TransferJob(request: prepared)
        do {
            let response = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    job.continuation = continuation
                    loop.submit(job)
                }
            } onCancel: {
                loop.cancel(job)
            }
            log(request, status: "\(response.status)", since: started)
            return response
        } catch let error as TransportError {
            log(request, status: "error=\(error.code)", since: started)
            throw error
        }
    }

    private func log(_ request: HTTPRequest, status: String, since started: ContinuousClock.Instant) {
        guard logger.logLevel <= .debug else { return }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        // Method, host, path, status and duration only: never the query, headers or bodies.
        logger.debug("duo http \(request.method) \(request.url.host ?? "?")\(request.url.path) -> \(status) in \(String(format: "%.1f", milliseconds)) ms")
    }

    // MARK: - Checks before any I/O

    private func prepare(_ request: HTTPRequest) throws(TransportError) -> PreparedRequest {
        let target = try targets.target(for: request.url)
        let protocols: String
        switch target.scheme {
        case "https":
            protocols = "https"
        case "http" where target.isLoopback && configuration.allowsInsecureLoopbackHTTP:
            protocols = "http"
            logger.warning("duo http: sending plain HTTP (no TLS) to loopback host \(target.host): allowed by allowsInsecureLoopbackHTTP; never use this in production")
        case "http":
            throw TransportError(.insecureURL, reason: target.isLoopback
                ? "plain http to \(target.host) needs allowsInsecureLoopbackHTTP"
                : "plain http to \(target.host) is never allowed")
        default:
            throw TransportError(.insecureURL, reason: "scheme \(target.scheme) is not https")
        }

        let method = request.method.rawValue
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw TransportError(.invalidConfiguration, reason: "the request method is not a valid HTTP token")
        }
        var lines: [String] = []
        lines.reserveCapacity(request.headers.count)
        for field in request.headers {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(Self.isTokenByte) else {
                throw TransportError(.invalidConfiguration, reason: "a request header name is not a valid HTTP token")
            }
            guard !field.value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) else {
                throw TransportError(.invalidConfiguration, reason: "request header \(field.name) contains a control character")
            }
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        let timeout = request.timeout ?? configuration.timeout
        return PreparedRequest(
            url: target.absoluteString,
            method: method,
            body: request.body,
            headerLines: lines,
            protocols: protocols,
            connectTimeoutMilliseconds: timeout.connect.curlMilliseconds,
            totalTimeoutMilliseconds: timeout.total.curlMilliseconds,
            isIdempotent: request.isIdempotent
        )
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    // MARK: - Configuration

    static func settings(for configuration: TransportConfiguration) throws(TransportError) -> CurlSettings {
        guard configuration.maximumResponseBytes > 0 else {
            throw TransportError(.invalidConfiguration, reason: "maximumResponseBytes must be positive")
        }
        if let suffix = configuration.userAgentSuffix,
           suffix.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw TransportError(.invalidConfiguration, reason: "the User-Agent suffix contains a control character")
        }

        let caBundle: [UInt8]?
        switch configuration.trust {
        case .duoPinned:
            caBundle = DuoPinnedRoots.pemBytes
        case .customRoots(let pem):
            try checkPEM(pem, source: "the custom roots")
            caBundle = pem
        case .customRootsFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TransportError(.invalidConfiguration, reason: "cannot read the CA file \(path)")
            }
            let pem = [UInt8](data)
            try checkPEM(pem, source: "the CA file \(path)")
            caBundle = pem
        case .system:
            caBundle = nil
        }

        var proxy: String?
        // `no_proxy`/`NO_PROXY` are read by libcurl unless NOPROXY is set, even with an explicit
        // proxy; "" means "no host bypasses the proxy".
        let noProxy: String? = configuration.usesEnvironmentProxy ? nil : ""
        var username: String?
        var password: String?
        if let configured = configuration.proxy {
            guard let components = URLComponents(url: configured.url, resolvingAgainstBaseURL: false),
                  components.scheme?.lowercased() == "http",
                  let host = components.host, !host.isEmpty,
                  components.user == nil, components.password == nil,
                  components.query == nil, components.path.isEmpty || components.path == "/" else {
                throw TransportError(.invalidConfiguration, reason: "the proxy URL must look like http://host:port, without credentials (pass them separately)")
            }
            proxy = "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(components.port ?? 1080)"
            username = configured.username
            password = configured.passwordForTransport
        } else if !configuration.usesEnvironmentProxy {
            // An empty proxy string makes libcurl ignore https_proxy/all_proxy/no_proxy.
            proxy = ""
        }

        let idle = configuration.maximumIdleTime.components.seconds
        return CurlSettings(
            caBundle: caBundle,
            proxy: proxy,
            noProxy: noProxy,
            proxyUsername: username,
            proxyPassword: password,
            userAgent: UserAgent.make(pinning: configuration.trust.isPinning, suffix: configuration.userAgentSuffix),
            maximumIdleSeconds: Int(clamping: max(1, idle)),
            maximumResponseBytes: configuration.maximumResponseBytes
        )
    }

    private static func checkPEM(_ pem: [UInt8], source: String) throws(TransportError) {
        guard String(decoding: pem, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw TransportError(.invalidConfiguration, reason: "\(source) contain no PEM certificate")
        }
    }
}

extension CurlTransport: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CurlTransport(userAgent: ..., configuration: ...)`: the libcurl settings behind it (a
    /// proxy's password among them) are never reflected.
    public var description: String { SafeReflection.description("CurlTransport", ["userAgent": userAgent, "configuration": configuration]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The User-Agent and the (redacted) configuration.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["userAgent": userAgent, "configuration": configuration], style: .class) }
}
