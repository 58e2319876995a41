import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation
import FuzzSupport

// Duo Auth API answers, through DuoAuthClient's endpoints: the in-process transport answers
// with the fuzz bytes, so the client's real envelope (`stat`, `response`, `code`, `message`)
// and result decoding run. First byte: the endpoint. Second byte: the HTTP status. Third byte:
// the Content-Type (even: application/json, odd: image/png, which only `logo` reads). The rest
// is the body.
// Properties: no crash or hang; success only for HTTP 200 with a JSON object body whose `stat`
// is "OK" and that has a `response` (checked with Foundation's JSONSerialization, independent of
// the client's decoder), of the shape the endpoint needs; 401/403 are always
// credentialsRejected and 400 requestRejected; no error text shows the secret key.

private let secretKey = "fuzzskeyFUZZSKEYfuzzskeyFUZZSKEYfuzzskey"
private let integrationKey = "DIFUZZAUTHAPI0000000"
private let statuses = [200, 200, 200, 200, 200, 400, 401, 403, 429, 500, 503, 302]

private enum Endpoint: CaseIterable {
    case ping, check, logo, enroll, enrollStatus, preauth, auth, startAuth, authStatus
}

private let transport = FixedResponseTransport()
private let client: DuoAuthClient? = {
    guard let ikey = try? IntegrationKey(integrationKey), let skey = try? SecretKey(secretKey),
          let host = try? APIHost(FuzzFixtures.apiHost) else { return nil }
    let configuration = DuoAuthConfiguration(integrationKey: ikey, secretKey: skey, apiHost: host,
                                             retryPolicy: RetryPolicy(maxRetries: 0))
    return DuoAuthClient(configuration: configuration, transport: transport,
                         clock: FixedWallClock(secondsSince1970: FuzzFixtures.now))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthAPIResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let endpoint = input.pick(Endpoint.allCases)
    let status = input.pick(statuses)
    let contentType = input.byte() % 2 == 0 ? "application/json" : "image/png"
    let body = input.rest()
    guard let client else { fuzzTrap() }
    transport.response = HTTPResponse(status: status, headers: ["Content-Type": contentType], body: body)
    let outcome = runBlocking { () -> Result<String, DuoAuthError> in
        do throws(DuoAuthError) {
            switch endpoint {
            case .ping: return .success("\(try await client.ping())")
            case .check: return .success("\(try await client.check())")
            case .logo: return .success("\(try await client.logo().data.count)")
            case .enroll: return .success("\(try await client.enroll(username: "alice"))")
            case .enrollStatus: return .success("\(try await client.enrollStatus(userID: "DUFUZZ", activationCode: "code"))")
            case .preauth: return .success("\(try await client.preauth(.username("alice")))")
            case .auth:
                let response = try await client.auth(DuoAuthRequest(user: .username("alice"), factor: .passcode("123456")))
                fuzzCheck(response.isFinal, "a synchronous auth returned a waiting answer")
                return .success("\(response)")
            case .startAuth:
                let txid = try await client.startAuth(DuoAuthRequest(user: .username("alice"), factor: .auto(device: "auto")))
                fuzzCheck(!txid.isEmpty, "startAuth returned an empty txid")
                return .success(txid)
            case .authStatus: return .success("\(try await client.authStatus(txid: "txid-fuzz"))")
            }
        } catch {
            return .failure(error)
        }
    }
    switch outcome {
    case .success:
        fuzzCheck(status == 200, "\(endpoint) accepted an answer with HTTP \(status)")
        if endpoint == .logo && contentType.hasPrefix("image/") { return 0 }
        let object = (try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])) as? [String: Any]
        fuzzCheck(object != nil, "\(endpoint) accepted a body that is not a JSON object")
        fuzzCheck(object?["stat"] as? String == "OK", "\(endpoint) accepted a body whose stat is not OK")
        let response = object?["response"]
        fuzzCheck(response != nil, "\(endpoint) accepted a body without a response")
        switch endpoint {
        case .enrollStatus: fuzzCheck(response is String, "enroll_status accepted a response that is not a string")
        case .logo: fuzzCheck(false, "logo succeeded without an image")
        default: fuzzCheck(response is [String: Any], "\(endpoint) accepted a response that is not an object")
        }
    case .failure(let error):
        switch status {
        case 401, 403:
            if case .credentialsRejected = error {} else { fuzzCheck(false, "HTTP \(status) gave \(error), not credentialsRejected") }
        case 400:
            if case .requestRejected = error {} else { fuzzCheck(false, "HTTP 400 gave \(error), not requestRejected") }
        case 429:
            if case .rateLimited = error {} else { fuzzCheck(false, "HTTP 429 gave \(error), not rateLimited") }
        default: break
        }
        let texts = [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        fuzzCheck(!texts.contains { $0.contains(secretKey) }, "an error text shows the secret key")
    }
    return 0
}
