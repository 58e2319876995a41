import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// What the health check makes of Duo's answer: `stat: OK` with an optional `timestamp`, which,
/// when present, must be a whole Unix time between 1970 and 9999 (in `response` or at the top
/// level). Anything else is refused with a typed error. An answer that repeats a key is tested in
/// `ClientTests.repeatedKeyIsNotJSON`.
struct HealthAnswerParsingTests {
    /// The answer, and the timestamp it yields (`.some(nil)`: OK without one; `nil`: refused).
    @Test(arguments: [
        (#"{"stat":"OK","response":{"timestamp":1700000000}}"#, Int64?.some(1_700_000_000)),
        (#"  {"stat" : "OK" , "response" : { "timestamp" : 3 } }  "#, 3),
        (#"{"stat":"OK","timestamp":7}"#, 7),
        (#"{"stat":"\u004FK","response":{"timestamp":12,"extra":[1,true,null,"x\n"]}}"#, 12),
        (#"{"stat":"OK","response":{}}"#, .some(nil)),
        (#"{"stat":"OK","response":{"timestamp":-3}}"#, nil),
        (#"{"stat":"OK","response":{"timestamp":1700000000.5}}"#, nil),
        (#"{"stat":"OK","response":{"timestamp":99999999999999999999}}"#, nil),
        (#"{"stat":"OK","response":{"timestamp":9223372036854775807}}"#, nil),
        (#"{"stat":"OK","response":{"timestamp":"1700000000"}}"#, nil),
        (#"{"stat":"OK","response":{"timestamp":1}} trailing"#, nil),
        (#"{"stat":"FAIL","code":40002,"message":"invalid_client"}"#, nil),
        (#"["stat","OK"]"#, nil),
    ] as [(String, Int64??)])
    func healthCheckReadsStatAndTimestamp(_ body: String, _ expected: Int64??) async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: body)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        do {
            let result = try await client.healthCheck()
            guard let expected else {
                Issue.record("accepted \(body) as healthy (timestamp \(String(describing: result.timestamp)))")
                return
            }
            #expect(result.timestamp == expected)
        } catch {
            #expect(expected == nil, "refused \(body): \(error)")
        }
    }
}
