import DuoTransport
import FuzzSupport

// A 429 answer's Retry-After header comes from the server (or whatever sits in front of it).
// RateLimitRetrier reads it as delta-seconds. First bytes: how many 429s come before a 200 and
// the policy's retry count; the rest is the header value. Time is simulated (sleep only adds to
// the clock). Properties: no crash or trap on any value; never more attempts than the policy
// allows; the total wait never passes the deadline; no wait is shorter than the backoff.

private struct SimulatedTiming: RetryTiming {
    let clock: SimulatedClock
    func now() -> Duration { clock.elapsed }
    func sleep(for duration: Duration) async throws { clock.advance(by: duration) }
    func jitter(upTo bound: Duration) -> Duration { .zero }
}

/// Single-threaded use within one fuzz input; the class exists so the timing value can mutate it.
private final class SimulatedClock: @unchecked Sendable {
    var elapsed: Duration = .zero
    var waits: [Duration] = []
    func advance(by duration: Duration) {
        elapsed += duration
        waits.append(duration)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let rateLimitedAnswers = Int(input.byte() % 10)
    let policy = RetryPolicy(maxRetries: Int(input.byte() % 8), baseDelay: .seconds(1), maxJitter: .zero, deadline: .seconds(120))
    let value = String(decoding: input.rest(), as: UTF8.self)
    let clock = SimulatedClock()
    let retrier = RateLimitRetrier(policy: policy, timing: SimulatedTiming(clock: clock))
    let outcome = runBlocking { () -> (attempts: Int, succeeded: Bool) in
        let counter = SimulatedClock()  // reused as a plain counter of attempts
        do {
            _ = try await retrier.run { attempt in
                counter.waits.append(.zero)
                let status = attempt <= rateLimitedAnswers ? 429 : 200
                return HTTPResponse(status: status, headers: ["Retry-After": value])
            }
            return (counter.waits.count, true)
        } catch {
            return (counter.waits.count, false)
        }
    }
    fuzzCheck(outcome.attempts <= policy.maxRetries + 1, "\(outcome.attempts) attempts for \(policy.maxRetries) retries")
    fuzzCheck(clock.elapsed <= policy.deadline, "waited \(clock.elapsed), past the \(policy.deadline) deadline")
    for (index, wait) in clock.waits.enumerated() {
        fuzzCheck(wait >= policy.backoff(beforeRetry: index + 1, jitter: .zero), "wait \(index + 1) shorter than the backoff")
    }
    fuzzCheck(outcome.succeeded == (rateLimitedAnswers < outcome.attempts), "success does not match the answers")
    return 0
}
