import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The whole Universal Prompt flow against FakeDuo.
struct FlowTests {
    let clock = FixedWallClock(secondsSince1970: 1_700_000_000)

    func setUp(useDuoCodeAttribute: Bool = true) throws -> (FakeDuo, DuoWebClient) {
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: Py.secret, apiHost: Py.host.lowercased(), clock: clock)
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock, useDuoCodeAttribute: useDuoCodeAttribute), transport: duo)
        return (duo, client)
    }

    func login(_ duo: FakeDuo, _ client: DuoWebClient, username: String = "alice", nonce: String? = nil) async throws -> DuoAuthorization {
        let state = client.generateState()
        let url = try client.authorizationURL(username: username, state: state, options: AuthorizationOptions(nonce: nonce))
        let redirect = try await duo.simulateBrowser(authorizationURL: url)
        let callback = try client.callback(from: redirect, expectedState: state)
        return try await client.exchangeAuthorizationCode(callback.code, username: username, nonce: nonce)
    }

    @Test func healthCheckOK() async throws {
        let (duo, client) = try setUp()
        let result = try await client.healthCheck()
        #expect(result.timestamp == 1_700_000_000)
        let request = try #require(await duo.requests.first)
        #expect(request.url.absoluteString == "https://api-xxxxxxx.test.duosecurity.com/oauth/v1/health_check")
        let form = try #require(FakeDuo.form(request))
        #expect(form["client_id"] == Py.clientID)
        let assertion = try payload(of: try #require(form["client_assertion"]))
        #expect(assertion["aud"]?.stringValue == "https://api-xxxxxxx.test.duosecurity.com/oauth/v1/health_check")
        #expect(assertion["exp"]?.integerValue == 1_700_000_300)
        #expect(assertion["jti"]?.stringValue?.count == 36)
    }

    @Test func healthCheckFailWithWrongSecret() async throws {
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: "wrongclientidwrongclientidwrongclientidw", apiHost: Py.host.lowercased(), clock: clock)
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock), transport: duo)
        let error = await #expect(throws: DuoWebError.healthCheckFailed) { try await client.healthCheck() }
        #expect(error?.duoCode == "40002")
        #expect(error?.duoMessage == "invalid_client")
        #expect(error?.duoDetail == "The provided client_assertion was invalid.")
    }

    @Test func allowFlowWithNonce() async throws {
        let (duo, client) = try setUp()
        let result = try await login(duo, client, nonce: client.generateNonce())
        #expect(result.isAllowed)
        #expect(result.preferredUsername == "alice")
        #expect(result.result.status == "allow")
        #expect(result.explanation == nil)
        #expect(result.authenticationMethods == ["mfa", "pwd"])
        #expect(result.context?.application?.name == "Web SDK 4")
        #expect(result.context?.accessDevice?.isEncryptionEnabled == .unknown)
        #expect(result.context?.accessDevice?.isFirewallEnabled == .enabled)
        #expect(result.context?.accessDevice?.isPasswordSet == .disabled)
        // The token request carries exactly the fields of the spec.
        let tokenRequest = try #require(await duo.requests.last)
        let form = try #require(FakeDuo.form(tokenRequest))
        #expect(Set(form.keys) == ["grant_type", "code", "redirect_uri", "client_id", "client_assertion_type", "client_assertion"])
        #expect(tokenRequest.retryPolicy == nil)
    }

    @Test func allowFlowWithCodeAttributeOff() async throws {
        let (duo, client) = try setUp(useDuoCodeAttribute: false)
        let state = client.generateState()
        let url = try client.authorizationURL(username: "bob", state: state)
        let redirect = try await duo.simulateBrowser(authorizationURL: url)
        #expect(queryItems(redirect)["code"] != nil)
        #expect(queryItems(redirect)["duo_code"] == nil)
        let callback = try client.callback(from: redirect, expectedState: state)
        #expect(try await client.exchangeAuthorizationCode(callback.code, username: "bob").isAllowed)
    }

    @Test(arguments: [(FakeDuoOutcome.deny, "deny"), (.timeout, "timeout"), (.fraud, "fraud")])
    func nonAllowOutcomes(outcome: FakeDuoOutcome, status: String) async throws {
        let (duo, client) = try setUp()
        await duo.setUser(FakeDuoUser(username: "carol", outcome: outcome))
        let result = try await login(duo, client, username: "carol")
        #expect(!result.isAllowed)
        #expect(result.result.result == .deny)
        #expect(result.result.status == status)
        #expect(result.explanation != nil)
        #expect(result.nextStep != nil)
    }

    @Test func errorRedirect() async throws {
        let (duo, client) = try setUp()
        await duo.setUser(FakeDuoUser(username: "dave", outcome: .errorRedirect(error: "access_denied", description: "User is not enrolled")))
        let state = client.generateState()
        let redirect = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: "dave", state: state))
        let error = #expect(throws: DuoWebError.duoRedirectError) { try client.callback(from: redirect, expectedState: state) }
        #expect(error?.duoCode == "access_denied")
        #expect(error?.duoMessage == "User is not enrolled")
    }

    @Test func stateMismatch() async throws {
        let (duo, client) = try setUp()
        let url = try client.authorizationURL(username: "alice", state: client.generateState())
        let redirect = try await duo.simulateBrowser(authorizationURL: url)
        #expect(throws: DuoWebError.stateMismatch) { try client.callback(from: redirect, expectedState: client.generateState()) }
        #expect(throws: DuoWebError.stateMismatch) { try client.callback(query: "duo_code=abc", expectedState: Py.state) }
        #expect(throws: DuoWebError.missingAuthorizationCode) { try client.callback(query: "state=\(Py.state)", expectedState: Py.state) }
    }

    @Test func codeIsSingleUse() async throws {
        let (duo, client) = try setUp()
        let state = client.generateState()
        let redirect = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: "alice", state: state))
        let callback = try client.callback(from: redirect, expectedState: state)
        _ = try await client.exchangeAuthorizationCode(callback.code, username: "alice")
        let error = await #expect(throws: DuoWebError.oauthError) { try await client.exchangeAuthorizationCode(callback.code, username: "alice") }
        #expect(error?.duoCode == "invalid_grant")
        #expect(await duo.requests.count == 2)  // no retry
    }

    @Test func expiredCodeIsRefused() async throws {
        let (duo, client) = try setUp()
        await duo.setCodeLifetime(-1)
        let error = await #expect(throws: DuoWebError.oauthError) { try await login(duo, client) }
        #expect(error?.duoCode == "invalid_grant")
    }

    @Test func wrongClientSecretIsInvalidClient() async throws {
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: "wrongclientidwrongclientidwrongclientidw", apiHost: Py.host.lowercased(), clock: clock)
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock), transport: duo)
        // The browser step itself refuses a request JWT signed with another secret.
        let url = try client.authorizationURL(username: "alice", state: Py.state)
        await #expect(throws: FakeDuoError.self) { try await duo.simulateBrowser(authorizationURL: url) }
        let error = await #expect(throws: DuoWebError.oauthError) { try await client.exchangeAuthorizationCode("somecode", username: "alice") }
        #expect(error?.duoCode == "invalid_client")
    }

    static let tokenDefects: [(FakeDuoFault, DuoWebError)] = [
        (.badSignature, .tokenSignatureInvalid), (.expired, .tokenExpired), (.notYetValid, .tokenNotYetValid),
        (.issuedInFuture, .tokenIssuedInFuture), (.wrongIssuer, .tokenIssuerMismatch), (.wrongAudience, .tokenAudienceMismatch),
        (.wrongNonce, .nonceMismatch), (.missingNonce, .nonceMismatch), (.wrongUsername, .usernameMismatch),
        (.missingExpiry, .tokenMissingClaim), (.missingIssuedAt, .tokenMissingClaim), (.missingPreferredUsername, .tokenMissingClaim),
        (.algorithmNone, .tokenAlgorithmUnsupported), (.algorithmHS256, .tokenAlgorithmUnsupported), (.missingIDToken, .missingIDToken),
        (.httpStatus(500), .unexpectedHTTPStatus), (.httpStatus(429), .rateLimited), (.malformedJSON, .malformedResponse),
    ]

    @Test(arguments: tokenDefects)
    func everyTokenDefectIsRefused(fault: FakeDuoFault, expected: DuoWebError) async throws {
        let (duo, client) = try setUp()
        let state = client.generateState(), nonce = client.generateNonce()
        let redirect = try await duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: "alice", state: state, options: .init(nonce: nonce)))
        let callback = try client.callback(from: redirect, expectedState: state)
        await duo.setFault(fault, on: "/oauth/v1/token")
        let error = await #expect(throws: DuoWebError.self) { try await client.exchangeAuthorizationCode(callback.code, username: "alice", nonce: nonce) }
        #expect(error == expected, "\(fault): got \(String(describing: error))")
        #expect(error?.errorDescription?.contains(callback.code) == false)
        #expect(error?.recoverySuggestion?.isEmpty == false)
    }

    @Test(arguments: [(FakeDuoFault.httpStatus(500), DuoWebError.unexpectedHTTPStatus), (.httpStatus(429), .rateLimited), (.malformedJSON, .malformedResponse)])
    func healthCheckFaults(fault: FakeDuoFault, expected: DuoWebError) async throws {
        let (duo, client) = try setUp()
        await duo.setFault(fault, on: "/oauth/v1/health_check")
        await #expect(throws: expected) { try await client.healthCheck() }
    }

    @Test func assertionJTIReuseIsRefused() async throws {
        let (duo, _) = try setUp()
        let now: Int64 = 1_700_000_000
        let assertion = signToken(["iss": .string(Py.clientID), "sub": .string(Py.clientID), "aud": .string("https://api-xxxxxxx.test.duosecurity.com/oauth/v1/health_check"),
                                   "exp": .integer(now + 300), "jti": .string("fixedjti")])
        let body = Array("client_id=\(Py.clientID)&client_assertion=\(assertion)".utf8)
        let request = HTTPRequest(method: .post, url: try #require(URL(string: "https://api-xxxxxxx.test.duosecurity.com/oauth/v1/health_check")), body: body)
        let first = try await duo.send(request)
        let second = try await duo.send(request)
        #expect(String(decoding: first.body, as: UTF8.self).contains(#""stat":"OK""#))
        #expect(String(decoding: second.body, as: UTF8.self).contains(#""stat":"FAIL""#))
    }
}
