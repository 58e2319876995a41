import DuoCore
import DuoTransport
import DuoWebSDK
import FuzzSupport

// The health check's answer, through DuoWebClient.healthCheck: the in-process transport answers
// with the fuzz bytes (first byte: the HTTP status), so the client's real decoding runs.
// Properties: no crash or hang; success only for HTTP 200 with `"stat":"OK"`; no error text
// shows the client secret.

private let statuses = [200, 200, 200, 400, 401, 429, 500, 503]

private let transport = FixedResponseTransport()
private let client = FuzzFixtures.webClient(transport: transport)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHealthCheck(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let status = input.pick(statuses)
    let body = input.rest()
    guard let client else { fuzzTrap() }
    transport.response = HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    let outcome = runBlocking { () -> Result<HealthCheckResult, DuoWebError> in
        do throws(DuoWebError) {
            return .success(try await client.healthCheck())
        } catch {
            return .failure(error)
        }
    }
    switch outcome {
    case .success:
        fuzzCheck(status == 200, "a health check answered HTTP \(status) succeeded")
        let text = String(decoding: body, as: UTF8.self)
        fuzzCheck(text.contains("stat") && text.contains("OK"), "a health check without stat OK succeeded")
    case .failure(let error):
        let texts = [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        fuzzCheck(!texts.contains { $0.contains(FuzzFixtures.clientSecret) }, "an error text shows the client secret")
    }
    return 0
}
