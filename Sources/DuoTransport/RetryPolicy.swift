/// How a rate-limited request is retried: Duo's own schedule.
///
/// Only HTTP 429 (Too Many Requests) is ever retried. Retry number *n* (1 ≤ n ≤ ``maxRetries``)
/// waits `baseDelay × 2^(n−1)` plus a random jitter in `[0, maxJitter)`: with the defaults,
/// 1, 2, 4, 8, 16 and 32 s, each plus up to 1 s, exactly as Duo's clients do. A `Retry-After`
/// header (delta-seconds) may lengthen a wait, never shorten it. No wait may run past
/// ``deadline``, measured from the first attempt: when the next wait would, the request fails
/// with ``TransportError/rateLimited`` instead of sleeping.
///
/// 5xx answers, timeouts, TLS failures and malformed bodies are never retried: a retried Auth
/// API `/auth` would push to the user's phone twice or spend a passcode.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times a 429 answer is retried (0 turns retries off).
    public var maxRetries: Int
    /// The first wait; each further wait doubles.
    public var baseDelay: Duration
    /// The upper bound (exclusive) of the random jitter added to each wait.
    public var maxJitter: Duration
    /// The longest the whole sequence of attempts and waits may take.
    public var deadline: Duration
    /// Whether a `Retry-After` header may lengthen a wait.
    public var honoursRetryAfter: Bool

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxRetries: Retries after the first attempt (default 6; negative values count as 0).
    ///   - baseDelay: The first wait (default 1 s).
    ///   - maxJitter: Jitter bound (default 1 s).
    ///   - deadline: Overall limit (default 120 s).
    ///   - honoursRetryAfter: Whether `Retry-After` may lengthen waits (default `true`).
    public init(
        maxRetries: Int = 6,
        baseDelay: Duration = .seconds(1),
        maxJitter: Duration = .seconds(1),
        deadline: Duration = .seconds(120),
        honoursRetryAfter: Bool = true
    ) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = max(.zero, baseDelay)
        self.maxJitter = max(.zero, maxJitter)
        self.deadline = deadline
        self.honoursRetryAfter = honoursRetryAfter
    }

    /// Duo's schedule: 6 retries, 1 s doubling, up to 1 s jitter, 120 s overall.
    public static let duoRateLimit = RetryPolicy()

    /// The wait before retry number `retry` (1-based), before any `Retry-After` adjustment.
    ///
    /// - Parameters:
    ///   - retry: The retry number, starting at 1.
    ///   - jitter: The random jitter drawn for this wait, in `[0, maxJitter)`.
    /// - Returns: `baseDelay × 2^(retry−1) + jitter`.
    public func backoff(beforeRetry retry: Int, jitter: Duration) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        return baseDelay * (1 << exponent) + jitter
    }

    /// The wait before a retry, given what the server asked for.
    ///
    /// - Parameters:
    ///   - retry: The retry number, starting at 1.
    ///   - jitter: The random jitter for this wait.
    ///   - retryAfter: The server's `Retry-After`, if any.
    /// - Returns: The longer of the backoff and `Retry-After` (when honoured).
    public func wait(beforeRetry retry: Int, jitter: Duration, retryAfter: Duration?) -> Duration {
        let backoff = backoff(beforeRetry: retry, jitter: jitter)
        guard honoursRetryAfter, let retryAfter, retryAfter > backoff else { return backoff }
        return retryAfter
    }
}
