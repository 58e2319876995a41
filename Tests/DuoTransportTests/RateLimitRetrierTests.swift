import Testing
@testable import DuoTransport

/// A fake clock: sleeping advances time at once and is recorded.
final class FakeRetryTiming: RetryTiming, @unchecked Sendable {
    private var current: Duration = .zero
    private(set) var sleeps: [Duration] = []
    let jitterValue: Duration

    init(jitter: Duration = .milliseconds(250)) { jitterValue = jitter }

    func now() -> Duration { current }
    func sleep(for duration: Duration) async throws {
        sleeps.append(duration)
        current += duration
    }
    func jitter(upTo bound: Duration) -> Duration { min(jitterValue, bound) }
}

/// Duo's 429 schedule with a fake clock.
struct RateLimitRetrierTests {
    private func responses(_ statuses: [Int], retryAfter: String? = nil) -> (Int) -> HTTPResponse {
        { attempt in
            let status = attempt <= statuses.count ? statuses[attempt - 1] : 200
            var headers = HTTPHeaders()
            if let retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
            return HTTPResponse(status: status, headers: headers)
        }
    }

    @Test func waitsOneTwoFourEightSixteenThirtyTwoPlusJitter() async throws {
        let timing = FakeRetryTiming()
        let retrier = RateLimitRetrier(policy: .duoRateLimit, timing: timing)
        let answer = responses(Array(repeating: 429, count: 6))
        let response = try await retrier.run { answer($0) }
        #expect(response.status == 200)
        #expect(timing.sleeps == [1, 2, 4, 8, 16, 32].map { .seconds($0) + .milliseconds(250) })
    }

    @Test func exhaustionThrowsRateLimited() async throws {
        let timing = FakeRetryTiming(jitter: .zero)
        let retrier = RateLimitRetrier(policy: .duoRateLimit, timing: timing)
        var attempts = 0
        await #expect(throws: TransportError.rateLimited) {
            try await retrier.run { _ in attempts += 1; return HTTPResponse(status: 429) }
        }
        #expect(attempts == 7)
        #expect(timing.sleeps.count == 6)
    }

    @Test func retryAfterLengthensButNeverShortens() async throws {
        let longer = FakeRetryTiming(jitter: .zero)
        _ = try await RateLimitRetrier(policy: .duoRateLimit, timing: longer).run { responses([429], retryAfter: "7")($0) }
        #expect(longer.sleeps == [.seconds(7)])

        let shorter = FakeRetryTiming(jitter: .zero)
        _ = try await RateLimitRetrier(policy: .duoRateLimit, timing: shorter).run { responses([429, 429, 429], retryAfter: "1")($0) }
        #expect(shorter.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func deadlineStopsBeforeSleepingPastIt() async throws {
        let timing = FakeRetryTiming(jitter: .zero)
        let policy = RetryPolicy(deadline: .seconds(10))
        var attempts = 0
        await #expect(throws: TransportError.rateLimited) {
            try await RateLimitRetrier(policy: policy, timing: timing).run { _ in attempts += 1; return HTTPResponse(status: 429) }
        }
        #expect(timing.sleeps == [.seconds(1), .seconds(2), .seconds(4)])  // 7 s used; 8 more would pass 10
        #expect(attempts == 4)
    }

    @Test(arguments: [200, 302, 400, 401, 500, 502, 503])
    func onlyTooManyRequestsIsRetried(status: Int) async throws {
        let timing = FakeRetryTiming()
        var attempts = 0
        let response = try await RateLimitRetrier(policy: .duoRateLimit, timing: timing).run { _ in
            attempts += 1
            return HTTPResponse(status: status)
        }
        #expect(response.status == status)
        #expect(attempts == 1)
        #expect(timing.sleeps.isEmpty)
    }

    @Test func errorsAreNeverRetried() async throws {
        let timing = FakeRetryTiming()
        var attempts = 0
        await #expect(throws: TransportError.timedOut) {
            try await RateLimitRetrier(policy: .duoRateLimit, timing: timing).run { _ in
                attempts += 1
                throw TransportError.timedOut
            }
        }
        #expect(attempts == 1)
    }
}
