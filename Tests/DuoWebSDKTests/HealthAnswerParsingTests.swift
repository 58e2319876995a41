import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// Answers are read by DuoCore's strict reader; on answers that repeat no key, the health check
/// must report what Foundation's `JSONDecoder` (the independent oracle here) reads. Answers
/// that repeat a key are refused (`ClientTests.repeatedKeyIsNotJSON`).
struct HealthAnswerParsingTests {
    @Test(arguments: [
        #"{"stat":"OK","response":{"timestamp":1700000000}}"#,
        #"  {"stat" : "OK" , "response" : { "timestamp" : -3 } }  "#,
        #"{"stat":"OK","timestamp":7}"#,
        #"{"stat":"\u004FK","response":{"timestamp":12,"extra":[1,true,null,"x\n"]}}"#,
        #"{"stat":"OK","response":{"timestamp":1.7e9}}"#,
        #"{"stat":"OK","response":{"timestamp":1700000000.5}}"#,
        #"{"stat":"OK","response":{"timestamp":99999999999999999999}}"#,
        #"{"stat":"OK","response":{}}"#,
        #"{"stat":"OK","response":{"timestamp":"1700000000"}}"#,
        #"{"stat":"OK","response":{"timestamp":1}} trailing"#,
        #"{"stat":"FAIL","code":40002,"message":"invalid_client"}"#,
        #"["stat","OK"]"#,
    ])
    func healthCheckAgreesWithJSONDecoder(_ body: String) async throws {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: body)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        let decoded = try? JSONDecoder().decode([String: JSONValue].self, from: Data(body.utf8))
        let expectedOK = decoded?["stat"]?.stringValue == "OK"
        do {
            let result = try await client.healthCheck()
            #expect(expectedOK)
            let timestamp = decoded?["response"]?.objectValue?["timestamp"]?.integerValue ?? decoded?["timestamp"]?.integerValue
            #expect(result.timestamp == timestamp)
        } catch {
            #expect(!expectedOK, "JSONDecoder reads stat OK, the client failed with \(error)")
        }
    }
}
