/// The time source, sleeper and jitter of a ``RateLimitRetrier``; injectable so tests of the
/// retry schedule run in milliseconds.
public protocol RetryTiming: Sendable {
    /// Monotonic time since an arbitrary origin.
    func now() -> Duration
    /// Sleeps, throwing `CancellationError` if the task is cancelled.
    func sleep(for duration: Duration) async throws
    /// A random duration in `[0, bound)` (zero when `bound` is zero).
    func jitter(upTo bound: Duration) -> Duration
}

/// Real time: `ContinuousClock` and the system random number generator.
public struct SystemRetryTiming: RetryTiming {
    private let origin = ContinuousClock.now

    /// Creates the real timing.
    public init() {}

    /// Time since this value was created.
    public func now() -> Duration { ContinuousClock.now - origin }

    /// Sleeps on `ContinuousClock`.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration, clock: .continuous)
    }

    /// A uniformly random duration below `bound`, with millisecond resolution.
    public func jitter(upTo bound: Duration) -> Duration {
        let milliseconds = bound.components.seconds * 1000 + bound.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds > 0 else { return .zero }
        return .milliseconds(Int64.random(in: 0..<milliseconds))
    }
}
