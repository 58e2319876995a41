import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// Only HTTP 429 is retried, on Duo's schedule, re-signed every time; every other failure is a
/// single request and a typed error.
struct RetryAndFaultTests {
    static let passcode = DuoAuthRequest(user: .username("alice"), factor: .passcode("123456"))

    @Test func retriesA429OnDuosScheduleWithFreshSignatures() async throws {
        let harness = try await Harness(jitter: .milliseconds(300), clock: SteppingClock())
        await harness.duo.setFault(.rateLimited(retryAfter: nil, times: 3), on: "/auth/v2/auth")
        let answer = try await harness.client.auth(Self.passcode)
        #expect(answer.isAllowed)
        #expect(harness.timing.sleeps == [.milliseconds(1300), .milliseconds(2300), .milliseconds(4300)])
        let requests = await harness.duo.requests
        #expect(requests.count == 4)
        let dates = requests.compactMap { $0.headers["Date"] }
        let signatures = requests.compactMap { $0.headers["Authorization"] }
        #expect(Set(dates).count == 4 && Set(signatures).count == 4)
    }

    @Test func exhaustedRetriesAreARateLimitError() async throws {
        let harness = try await Harness()
        await harness.duo.setFault(.rateLimited(retryAfter: nil, times: 100), on: "/auth/v2/check")
        await #expect { try await harness.client.check() } throws: { error in
            guard case .rateLimited = error as? DuoAuthError else { return false }
            return (error as? DuoAuthError)?.errorDescription?.contains("429") == true
        }
        #expect(await harness.duo.requests.count == 7)
        #expect(harness.timing.sleeps == [1, 2, 4, 8, 16, 32].map { Duration.seconds($0) })
    }

    @Test func retryAfterLengthensButNeverShortens() async throws {
        let harness = try await Harness()
        await harness.duo.setFault(.rateLimited(retryAfter: 10, times: 1), on: "/auth/v2/check")
        _ = try await harness.client.check()
        await harness.duo.setFault(.rateLimited(retryAfter: 0, times: 1), on: "/auth/v2/check")
        _ = try await harness.client.check()
        #expect(harness.timing.sleeps == [.seconds(10), .seconds(1)])
    }

    @Test func configurableRetriesAndBase() async throws {
        let off = try await Harness(retryPolicy: RetryPolicy(maxRetries: 0))
        await off.duo.setFault(.rateLimited(retryAfter: nil, times: 5), on: "/auth/v2/preauth")
        await #expect(throws: DuoAuthError.self) { try await off.client.preauth(.username("alice")) }
        #expect(await off.duo.requests.count == 1)
        #expect(off.timing.sleeps.isEmpty)

        let fast = try await Harness(retryPolicy: RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(250)))
        await fast.duo.setFault(.rateLimited(retryAfter: nil, times: 5), on: "/auth/v2/preauth")
        await #expect(throws: DuoAuthError.self) { try await fast.client.preauth(.username("alice")) }
        #expect(await fast.duo.requests.count == 3)
        #expect(fast.timing.sleeps == [.milliseconds(250), .milliseconds(500)])
    }

    static let faults: [FakeDuoFault] = [.httpStatus(500), .httpStatus(503), .malformedJSON, .truncatedBody, .transportFailure(.timedOut),
                                         .transportFailure(.connectionFailed)]

    @Test(arguments: faults)
    func faultsAreNeverRetried(_ fault: FakeDuoFault) async throws {
        let harness = try await Harness()
        await harness.duo.setFault(fault, on: "/auth/v2/auth")
        do {
            _ = try await harness.client.auth(Self.passcode)
            Issue.record("\(fault) was accepted")
        } catch {
            switch (fault, error) {
            case (.httpStatus, .serviceFailure(let failure)): #expect(failure.httpStatus >= 500)
            case (.malformedJSON, .malformedResponse), (.truncatedBody, .malformedResponse): break
            case (.transportFailure(let expected), .transport(let actual)): #expect(expected == actual)
            default: Issue.record("\(fault) gave \(error)")
            }
            #expect(error.recoverySuggestion?.isEmpty == false)
        }
        #expect(await harness.duo.requests.count == 1)
        #expect(harness.timing.sleeps.isEmpty)
        // The passcode was not spent by a hidden retry.
        await harness.duo.setFault(nil, on: "/auth/v2/auth")
        #expect(try await harness.client.auth(Self.passcode).isAllowed == (fault != .truncatedBody))
    }

    @Test func waitingRequestsGetTheLongTimeoutOthersTheStandardOne() async throws {
        let mock = MockHTTPTransport()
        for _ in 0..<3 { await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"result":"allow","status":"allow","status_msg":"ok"}}"#) }
        let configuration = DuoAuthConfiguration(integrationKey: try IntegrationKey(Fake.ikey), secretKey: try SecretKey(Fake.skey),
                                                 apiHost: try APIHost(Fake.host), standardTimeout: .standard)
        let client = DuoAuthClient(configuration: configuration, transport: mock)
        _ = try await client.auth(DuoAuthRequest(user: .username("a"), factor: .push(DuoPushOptions())))
        _ = try await client.auth(Self.passcode)
        _ = try await client.authStatus(txid: "t")
        let timeouts = await mock.requests.map { $0.timeout?.total }
        #expect(timeouts == [.seconds(75), .seconds(30), .seconds(75)])
        #expect(await mock.requests.allSatisfy { $0.retryPolicy == nil })
    }

    @Test func failEnvelopeWithLenientCode() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 401, json: #"{"stat":"FAIL","code":"","message":"Missing request timestamp"}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"FAIL","code":"40002","message":"Invalid request parameters","message_detail":"username"}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"OK"}"#)
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host),
                                   transport: mock)
        await #expect { try await client.check() } throws: { ($0 as? DuoAuthError)?.apiFailure == DuoAPIFailure(httpStatus: 401, code: nil, message: "Missing request timestamp", messageDetail: nil) }
        await #expect { try await client.check() } throws: { ($0 as? DuoAuthError)?.apiFailure?.code == 40002 }
        await #expect { try await client.check() } throws: { if case .malformedResponse = $0 as? DuoAuthError { return true } else { return false } }
    }

    /// A lenient reader that keeps the first value of a repeated key skips the later one
    /// unchecked: a raw carriage return and NUL, or invalid UTF-8, in that string would pass
    /// (found by FuzzAuthAPIResponse). Such an answer is malformed. Escaped characters and
    /// whitespace between tokens stay fine.
    @Test func rawControlCharacterInAStringIsMalformed() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: "{\"stat\":\"OK\",\"response\":{\"time\":1750000000,\"note\":\"a\",\"note\":\"a\r\u{0}b\"}}")
        await mock.enqueue(status: 200, json: "{\"stat\":\"OK\",\"stat\":\"a\u{1F}b\",\"response\":{\"time\":1750000000}}")
        // Invalid UTF-8 (0xE6 then "r") in a repeated key's string, the second finding.
        await mock.enqueue(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"],
                                        body: Array(#"{"stat":"OK","response":{"time":1750000000,"s":"a","s":""#.utf8) + [0xE6] + Array(#"raud"}}"#.utf8)))
        await mock.enqueue(status: 200, json: "{\r\n\t\"stat\":\"OK\",\"response\":{\"time\":1750000000,\"note\":\"a\\r\\u0000\\\"b\"}}")
        try await expectMalformedAnswers(3, thenTheGoodOneFrom: mock)
    }

    /// With a repeated `response`, readers disagree on which value wins (Foundation's
    /// `JSONDecoder` takes the first, Duo's Python client the last; found by
    /// FuzzAuthAPIResponse). Duo never repeats a key: such an answer is malformed.
    @Test func repeatedKeyIsMalformed() async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"time":1750000000},"response":[1]}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"FAIL","stat":"OK","response":{"time":1750000000}}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"time":1750000000,"time":1}}"#)
        await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"time":1750000000,"detail":{"stat":"x"}}}"#)
        try await expectMalformedAnswers(3, thenTheGoodOneFrom: mock)
    }

    /// Calls `check` once per malformed answer queued on `mock` before a good one: each must fail
    /// as `malformedResponse`, and the good answer after them must still be read.
    private func expectMalformedAnswers(_ count: Int, thenTheGoodOneFrom mock: MockHTTPTransport) async throws {
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host),
                                   transport: mock)
        for _ in 0..<count {
            await #expect { try await client.check() } throws: { if case .malformedResponse = $0 as? DuoAuthError { return true } else { return false } }
        }
        let time = try await client.check()
        #expect(time.time == Date(timeIntervalSince1970: 1_750_000_000))
    }
}
