import DuoCore
import DuoTransport
import DuoWebSDK
import FuzzSupport

// The token endpoint's answer, through DuoWebClient.exchangeAuthorizationCode: the in-process
// transport answers with the fuzz bytes, so the client's real status handling, JSON decoding and
// id_token verification run. First byte: the HTTP status. Second byte: the mode:
// even: the rest is the response body as it arrives;
// odd: the rest is an id_token payload, signed with the client secret and wrapped in
//      {"id_token": ...}, so the claim checks (iss, aud, exp, iat, nonce, preferred_username,
//      auth_result) run behind a valid signature.
// Properties: no crash or hang; success only for HTTP 200 with preferred_username and nonce as
// expected; no error text shows the client secret.

private let statuses = [200, 200, 200, 200, 400, 401, 429, 500, 302]

private let transport = FixedResponseTransport()
private let client = FuzzFixtures.webClient(transport: transport)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let status = input.pick(statuses)
    let signed = input.byte() % 2 == 1
    let body: [UInt8]
    if signed {
        let token = FuzzFixtures.signer.sign(payloadJSON: input.rest())
        body = Array(#"{"access_token":"x","token_type":"Bearer","expires_in":3600,"id_token":"\#(token)"}"#.utf8)
    } else {
        body = input.rest()
    }
    guard let client else { fuzzTrap() }
    transport.response = HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    let outcome = runBlocking { () -> Result<DuoAuthorization, DuoWebError> in
        do throws(DuoWebError) {
            return .success(try await client.exchangeAuthorizationCode("code-0123456789", username: FuzzFixtures.username, nonce: FuzzFixtures.nonce))
        } catch {
            return .failure(error)
        }
    }
    switch outcome {
    case .success(let authorization):
        fuzzCheck(status == 200, "a token answer with HTTP \(status) was accepted")
        fuzzCheck(authorization.preferredUsername == FuzzFixtures.username, "an id_token for another user was accepted")
        fuzzCheck(authorization.claims["nonce"]?.stringValue == FuzzFixtures.nonce, "an id_token with another nonce was accepted")
        fuzzCheck(authorization.claims["iss"]?.stringValue == FuzzFixtures.tokenURL, "an id_token from another issuer was accepted")
    case .failure(let error):
        let texts = [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        fuzzCheck(!texts.contains { $0.contains(FuzzFixtures.clientSecret) }, "an error text shows the client secret")
    }
    return 0
}
