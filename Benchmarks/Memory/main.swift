// duo-memory-bench: peak resident memory (VmHWM) of many id_token validations or health checks
// through DuoWebClient, to show that memory does not grow with the count.
//
//   duo-memory-bench tokens 100000
//   duo-memory-bench health 10000
//
// Prints one line: `<mode> <count> VmHWM_kB=<peak> VmRSS_kB=<now>`. Run it at two counts, each in
// its own process (Benchmarks/run-memory.sh); equal peaks mean nothing accumulates per call.
import DuoCore
import DuoTransport
import DuoWebSDK
import Foundation

/// Duo's health-check endpoint, in process: verifies every client assertion (HS512 with the
/// secret, `aud` = the endpoint) and answers `stat: OK`, so each call does the client's whole
/// request and response path without a network.
struct VerifyingHealthEndpoint: HTTPTransport {
    let signer: JWTSigner
    let endpoint: String

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let form = String(decoding: request.body, as: UTF8.self)
        guard let assertion = form.split(separator: "&").first(where: { $0.hasPrefix("client_assertion=") })?.dropFirst(17),
              let verified = try? signer.verify(assertion, as: [String: JSONValue].self,
                                                validation: ClaimsValidation(issuer: nil, audience: endpoint)),
              verified.registeredClaims.id?.count == 36 else {
            return HTTPResponse(status: 400, body: Array(#"{"stat":"FAIL","code":40002,"message":"Invalid request parameters"}"#.utf8))
        }
        return HTTPResponse(status: 200, body: Array(#"{"stat":"OK","response":{"timestamp":1767225600}}"#.utf8))
    }
}

func status(_ field: String) -> String {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return line.split(separator: " ").dropFirst().first.map(String.init) ?? "?"
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0, ["tokens", "health"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: duo-memory-bench tokens|health COUNT\n".utf8))
    exit(64)
}
let secret = "memorytestsecretmemorytestsecretmemoryt0"
let configuration = try DuoWebConfiguration(
    clientID: "DIMEMORYBENCHCLIENT1", clientSecret: secret, apiHost: "api-memory.duosecurity.com",
    redirectURI: "https://app.example.com/duo/callback")
let signer = JWTSigner(secret: try ClientSecret(secret))
let client = try DuoWebClient(
    configuration: configuration,
    transport: VerifyingHealthEndpoint(signer: signer, endpoint: configuration.healthCheckURLString))
var checksum = 0

switch arguments[1] {
case "tokens":
    let now = Int64(Date().timeIntervalSince1970)
    let claims: [String: JSONValue] = [
        "iss": .string(configuration.tokenURLString), "aud": .string("DIMEMORYBENCHCLIENT1"),
        "sub": .string("alice"), "preferred_username": .string("alice"), "nonce": .string("MemoryNonce0123456789abcdefghijklmno"),
        "exp": .integer(now + 3600), "iat": .integer(now), "auth_time": .integer(now),
        "auth_result": .object(["result": .string("allow"), "status": .string("allow"), "status_msg": .string("Login Successful")]),
        "auth_context": .object(["txid": .string("3f2c1a9e-7b4d-4e0a-9c61-2d8f5b7e0a14"), "factor": .string("duo_push"),
                                 "user": .object(["name": .string("alice"), "key": .string("DUMEMORYUSER00000001")])]),
    ]
    let token = try signer.sign(claims)
    for _ in 0..<count {
        let result = try client.verifyIDToken(token, username: "alice", nonce: "MemoryNonce0123456789abcdefghijklmno")
        checksum &+= result.isAllowed ? 1 : 0
    }
default:
    for _ in 0..<count {
        let result = try await client.healthCheck()
        checksum &+= result.timestamp == nil ? 0 : 1
    }
}
print("\(arguments[1]) \(count) VmHWM_kB=\(status("VmHWM")) VmRSS_kB=\(status("VmRSS")) checksum=\(checksum)")
