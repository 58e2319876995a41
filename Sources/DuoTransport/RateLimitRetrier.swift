/// Runs attempts of a request under a ``RetryPolicy``: retries only HTTP 429, on Duo's schedule.
///
/// Each attempt is a closure, so a caller that signs requests (the Auth API) builds a fresh
/// `Date` header and signature for every attempt. Transports use the same type to apply
/// ``HTTPRequest/retryPolicy`` to requests that need no re-signing.
///
/// ```swift
/// let retrier = RateLimitRetrier(policy: .duoRateLimit)
/// let response = try await retrier.run { attempt in
///     try await transport.send(try signer.signedRequest(...))
/// }
/// ```
public struct RateLimitRetrier: Sendable {
    /// The policy applied.
    public let policy: RetryPolicy
    private let timing: any RetryTiming

    /// Creates a retrier.
    ///
    /// - Parameters:
    ///   - policy: When and how long to wait.
    ///   - timing: Clock, sleeper and jitter (default: real time).
    public init(policy: RetryPolicy, timing: any RetryTiming = SystemRetryTiming()) {
        self.policy = policy
        self.timing = timing
    }

    /// Runs attempts until one is answered with something other than 429, retries are used up,
    /// or the deadline would be passed.
    ///
    /// - Parameter attempt: Sends one attempt; receives the attempt number, starting at 1.
    /// - Returns: The first response whose status is not 429.
    /// - Throws: Whatever an attempt throws (never retried), `CancellationError` when cancelled
    ///   while waiting, or ``TransportError/rateLimited`` when the last allowed attempt was still
    ///   answered 429.
    public func run(_ attempt: (Int) async throws -> HTTPResponse) async throws -> HTTPResponse {
        let start = timing.now()
        var attemptNumber = 1
        while true {
            let response = try await attempt(attemptNumber)
            guard response.status == 429 else { return response }
            let retry = attemptNumber
            guard retry <= policy.maxRetries else {
                throw TransportError(.rateLimited, reason: "HTTP 429 Too Many Requests after \(attemptNumber) attempt\(attemptNumber == 1 ? "" : "s")")
            }
            let wait = policy.wait(
                beforeRetry: retry,
                jitter: timing.jitter(upTo: policy.maxJitter),
                retryAfter: Self.retryAfter(response.headers)
            )
            guard timing.now() - start + wait <= policy.deadline else {
                throw TransportError(.rateLimited, reason: "HTTP 429 Too Many Requests; the next wait would pass the \(policy.deadline) retry deadline")
            }
            try await timing.sleep(for: wait)
            attemptNumber += 1
        }
    }

    /// Reads `Retry-After` as delta-seconds (an HTTP-date is ignored: the backoff applies).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let text = headers["Retry-After"]?.trimmingSpaces, !text.isEmpty, text.count <= 9,
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let seconds = Int64(text) else { return nil }
        return .seconds(seconds)
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return slice
    }
}
