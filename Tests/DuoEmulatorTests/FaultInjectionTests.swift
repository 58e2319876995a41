#if Emulator
import DuoAuthAPI
import DuoCore
import DuoEmulator
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Synchronization
import Testing

/// Every fault the emulator can inject, end to end over real loopback HTTPS and libcurl: the SDK
/// (DuoWebClient and DuoAuthClient over CurlTransport) must fail with the right typed error, within
/// its deadline, after exactly the number of requests its retry policy allows (counted by the
/// server), and never half-succeed.
///
/// Each case prints a `FAULT-TABLE|` line (client | fault | outcome | ms | requests): the fault
/// table of Documentation/Security.md is made from these lines.
@Suite("Fault injection end to end", .serialized)
struct FaultInjectionTests {
    static let tokenPath = "/oauth/v1/token"
    static let healthPath = "/oauth/v1/health_check"
    static let preauthPath = "/auth/v2/preauth"
    /// The client's whole-request limit in these tests: a stalled server must be abandoned by then.
    /// Long enough for the 2 MiB oversized answer to arrive (and be refused) under
    /// ThreadSanitizer on a loaded 2-core machine, where 2 s was seen to run out first.
    static let requestLimit = Duration.seconds(5)
    /// Slack for scheduling on a loaded 2-core machine; a hang would blow far past it.
    static let slack = Duration.seconds(3)

    /// What a fault is made of: a FakeDuo answer defect or a network defect of the emulator.
    enum Injected: Sendable, CustomStringConvertible {
        case duo(FakeDuoFault)
        case network(EmulatorNetworkFault)

        var description: String {
            switch self {
            case .duo(.httpStatus(let status)): "HTTP \(status)"
            case .duo(.rateLimited(_, let times)): "HTTP 429 x\(times)"
            case .duo(let fault): "\(fault)"
            case .network(.delay(let pause)): pause < FaultInjectionTests.requestLimit ? "slow (\(pause))" : "stalled (\(pause))"
            case .network(.oversizedBody(let bytes)): "oversized body (\(bytes) B)"
            case .network(.droppedConnection): "dropped connection mid-body"
            }
        }
    }

    /// What the SDK must do.
    enum Expected: Sendable, CustomStringConvertible {
        case success
        case web(DuoWebError)
        case webTransport(TransportError.Code)
        case auth(DuoAuthError)

        var description: String {
            switch self {
            case .success: "success"
            case .web(let error): "DuoWebError.\(error.kindName)"
            case .webTransport(let code): "DuoWebError.transport(\(code))"
            case .auth(let error): "DuoAuthError." + FaultInjectionTests.caseName(error)
            }
        }
    }

    // MARK: Cases

    static let universalCases: [(Injected, Expected)] = [
        (.duo(.badSignature), .web(.tokenSignatureInvalid)), (.duo(.expired), .web(.tokenExpired)),
        (.duo(.notYetValid), .web(.tokenNotYetValid)), (.duo(.issuedInFuture), .web(.tokenIssuedInFuture)),
        (.duo(.wrongIssuer), .web(.tokenIssuerMismatch)), (.duo(.wrongAudience), .web(.tokenAudienceMismatch)),
        (.duo(.wrongNonce), .web(.nonceMismatch)), (.duo(.missingNonce), .web(.nonceMismatch)),
        (.duo(.wrongUsername), .web(.usernameMismatch)), (.duo(.missingExpiry), .web(.tokenMissingClaim)),
        (.duo(.missingIssuedAt), .web(.tokenMissingClaim)), (.duo(.missingPreferredUsername), .web(.tokenMissingClaim)),
        (.duo(.algorithmNone), .web(.tokenAlgorithmUnsupported)), (.duo(.algorithmHS256), .web(.tokenAlgorithmUnsupported)),
        (.duo(.missingIDToken), .web(.missingIDToken)),
        (.duo(.httpStatus(500)), .web(.unexpectedHTTPStatus)), (.duo(.httpStatus(503)), .web(.unexpectedHTTPStatus)),
        // The token exchange spends a single-use code: a 429 is never retried there.
        (.duo(.rateLimited(retryAfter: 1, times: 5)), .web(.rateLimited)),
        (.duo(.malformedJSON), .web(.malformedResponse)), (.duo(.truncatedBody), .web(.malformedResponse)),
        (.network(.oversizedBody(bytes: 2 << 20)), .webTransport(.responseTooLarge)),
        // The code went out before the drop: Duo may have spent it, and the error says so.
        (.network(.droppedConnection), .web(.droppedAfterSending)),
        (.network(.delay(.milliseconds(300))), .success),
        (.network(.delay(.seconds(8))), .webTransport(.timedOut)),
    ]

    /// Retries: 3 after the first attempt, short waits, so 429 x2 succeeds on the 3rd request
    /// and 429 x10 fails after exactly 4.
    static let authRetryPolicy = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(20), maxJitter: .milliseconds(10), deadline: .seconds(10))

    /// An Auth API case: the fault, the outcome, and how many requests the server must see.
    struct AuthCase: Sendable, CustomTestStringConvertible {
        let injected: Injected
        let expected: Expected
        let requests: Int
        init(_ injected: Injected, _ expected: Expected, _ requests: Int) {
            self.injected = injected
            self.expected = expected
            self.requests = requests
        }
        var testDescription: String { "\(injected) -> \(expected) after \(requests)" }
    }

    static let authCases: [AuthCase] = [
        AuthCase(.duo(.httpStatus(500)), .auth(.serviceFailure(DuoAPIFailure(httpStatus: 500, code: nil, message: nil, messageDetail: nil))), 1),
        AuthCase(.duo(.rateLimited(retryAfter: nil, times: 2)), .success, 3),
        AuthCase(.duo(.rateLimited(retryAfter: nil, times: 10)), .auth(.rateLimited("")), 4),
        AuthCase(.duo(.malformedJSON), .auth(.malformedResponse("")), 1),
        AuthCase(.duo(.truncatedBody), .auth(.malformedResponse("")), 1),
        AuthCase(.network(.oversizedBody(bytes: 2 << 20)), .auth(.transport(.responseTooLarge)), 1),
        AuthCase(.network(.droppedConnection), .auth(.transport(.connectionFailed)), 1),
        AuthCase(.network(.delay(.milliseconds(300))), .success, 1),
        AuthCase(.network(.delay(.seconds(8))), .auth(.transport(.timedOut)), 1),
    ]

    // MARK: Tests

    @Test("DuoWebClient token exchange: every answer and network fault", arguments: universalCases)
    func universalExchange(injected: Injected, expected: Expected) async throws {
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            let client = try Self.webClient(emulator, trusting: authority.caCertificatePEM)
            await emulator.duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))
            let state = client.generateState(), nonce = client.generateNonce()
            let url = try client.authorizationURL(username: "ivy", state: state, options: AuthorizationOptions(nonce: nonce))
            let callback = try client.callback(from: try await emulator.duo.simulateBrowser(authorizationURL: url), expectedState: state)
            switch injected {
            case .duo(let fault): await emulator.duo.setFault(fault, on: Self.tokenPath)
            case .network(let fault): await emulator.state.setNetworkFault(fault, on: Self.tokenPath)
            }
            let start = ContinuousClock.now
            let result: Result<DuoAuthorization, DuoWebError>
            do throws(DuoWebError) { result = .success(try await client.exchangeAuthorizationCode(callback.code, username: "ivy", nonce: nonce)) } catch { result = .failure(error) }
            let elapsed = ContinuousClock.now - start
            let requests = await emulator.state.requestCount(on: Self.tokenPath)
            Self.report("DuoWebClient.exchangeAuthorizationCode", injected, result.map { _ in () }.mapError { $0 as any Error }, elapsed, requests)

            #expect(requests == 1, "a token exchange is sent once, never retried")
            #expect(elapsed < Self.requestLimit + Self.slack)
            switch (expected, result) {
            case (.success, .success(let authorization)):
                #expect(authorization.isAllowed)
            case (.web(let error), .failure(let got)):
                #expect(got == error, "\(injected): got \(got)")
                #expect(got.recoverySuggestion?.isEmpty == false)
                #expect(got.errorDescription?.contains(callback.code) == false)
            case (.webTransport(let code), .failure(let got)):
                #expect(got == .transport, "\(injected): got \(got)")
                #expect(got.underlyingTransportError?.code == code, "\(injected): got \(got)")
            default:
                Issue.record("\(injected): expected \(expected), got \(result)")
            }
        }
    }

    @Test("DuoWebClient health check: wrong CA, wrong hostname, expired certificate", arguments: ["wrong CA", "wrong hostname", "expired certificate"])
    func certificateFaults(kind: String) async throws {
        let now = Date()
        let server: ThrowawayCertificateAuthority
        var trusted: ThrowawayCertificateAuthority? = nil
        let expected: TransportError.Code
        switch kind {
        case "wrong CA":
            server = try ThrowawayCertificateAuthority()
            // Another throwaway CA with the same name and another key: OpenSSL finds the trusted CA
            // by name and the signature check fails, which libcurl reports as a TLS failure
            // (X509 verify result 1), not as an unknown issuer. Either way nothing is sent.
            trusted = try ThrowawayCertificateAuthority()
            expected = .tlsFailure
        case "wrong hostname":
            server = try ThrowawayCertificateAuthority(serverDNSNames: ["api-other.example.com"])
            expected = .hostnameMismatch
        default:
            server = try ThrowawayCertificateAuthority(serverCertificateValidity: (now - 2 * 86_400)...(now - 86_400))
            expected = .certificateExpired
        }
        let trustedPEM = (trusted ?? server).caCertificatePEM
        try await EmulatorServer.with(tls: server) { emulator in
            let client = try Self.webClient(emulator, trusting: trustedPEM)
            let start = ContinuousClock.now
            let result: Result<HealthCheckResult, DuoWebError>
            do throws(DuoWebError) { result = .success(try await client.healthCheck()) } catch { result = .failure(error) }
            let elapsed = ContinuousClock.now - start
            let requests = await emulator.state.requestCount(on: Self.healthPath)
            Self.report("DuoWebClient.healthCheck", kind, result.map { _ in () }.mapError { $0 as any Error }, elapsed, requests)
            #expect(requests == 0, "the TLS handshake fails before any request reaches the server")
            #expect(elapsed < Self.requestLimit + Self.slack)
            guard case .failure(let error) = result else { Issue.record("\(kind): the health check succeeded"); return }
            #expect(error == .transport)
            #expect(error.underlyingTransportError?.code == expected, "\(kind): got \(error)")
        }
    }

    /// A server whose certificate chains to an unrelated CA with another name than the trusted one
    /// (the usual interception case): OpenSSL finds no issuer at all, so the error is the typed
    /// `untrustedCertificate`, not a generic handshake failure, and the client tries exactly once.
    @Test("DuoWebClient health check: certificate from an unrelated, differently named CA")
    func unrelatedCertificateAuthority() async throws {
        let server = try ThrowawayCertificateAuthority(caCommonName: "interception proxy CA")
        let trusted = try ThrowawayCertificateAuthority(caCommonName: "swift-duo trusted test CA")
        try await EmulatorServer.with(tls: server) { emulator in
            let transportConfiguration = TransportConfiguration(trust: .customRoots(pem: Array(trusted.caCertificatePEM.utf8)),
                                                                timeout: HTTPTimeout(connect: Self.requestLimit, total: Self.requestLimit))
            let transport = CountingTransport(try CurlTransport(configuration: transportConfiguration))
            var configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                                        apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
            configuration.transport = transportConfiguration
            let client = try DuoWebClient(configuration: configuration, transport: transport)
            let start = ContinuousClock.now
            let result: Result<HealthCheckResult, DuoWebError>
            do throws(DuoWebError) { result = .success(try await client.healthCheck()) } catch { result = .failure(error) }
            let elapsed = ContinuousClock.now - start
            let requests = await emulator.state.requestCount(on: Self.healthPath)
            Self.report("DuoWebClient.healthCheck", "unrelated CA (other name)", result.map { _ in () }.mapError { $0 as any Error }, elapsed, requests)
            #expect(transport.attempts == 1, "a refused certificate is not retried")
            #expect(requests == 0, "the TLS handshake fails before any request reaches the server")
            #expect(elapsed < Self.requestLimit + Self.slack)
            guard case .failure(let error) = result else { Issue.record("the health check trusted an unrelated CA"); return }
            #expect(error == .transport)
            #expect(error.underlyingTransportError?.code == .untrustedCertificate, "got \(error)")
            #expect(error.recoverySuggestion?.isEmpty == false)
        }
    }

    @Test("DuoAuthClient preauth: answer and network faults, retries counted", arguments: authCases)
    func authAPI(testCase: AuthCase) async throws {
        let (injected, expected, expectedRequests) = (testCase.injected, testCase.expected, testCase.requests)
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            var configuration = try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey,
                                                         secretKey: emulator.configuration.secretKey, apiHost: emulator.duo.apiHost)
            configuration.retryPolicy = Self.authRetryPolicy
            configuration.standardTimeout = HTTPTimeout(connect: Self.requestLimit, total: Self.requestLimit)
            configuration.transport = TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8)),
                                                             timeout: HTTPTimeout(connect: Self.requestLimit, total: Self.requestLimit))
            let client = DuoAuthClient(configuration: configuration, transport: try CurlTransport(configuration: configuration.transport))
            switch injected {
            case .duo(let fault): await emulator.duo.setFault(fault, on: Self.preauthPath)
            case .network(let fault): await emulator.state.setNetworkFault(fault, on: Self.preauthPath)
            }
            let start = ContinuousClock.now
            let result: Result<DuoPreauthResponse, DuoAuthError>
            do throws(DuoAuthError) { result = .success(try await client.preauth(.username("ivy"))) } catch { result = .failure(error) }
            let elapsed = ContinuousClock.now - start
            let requests = await emulator.state.requestCount(on: Self.preauthPath)
            Self.report("DuoAuthClient.preauth", injected, result.map { _ in () }.mapError { $0 as any Error }, elapsed, requests)

            #expect(requests == expectedRequests, "\(injected): \(requests) requests")
            #expect(elapsed < Self.requestLimit + Self.slack)
            switch (expected, result) {
            case (.success, .success):
                break
            case (.auth(let wanted), .failure(let got)):
                #expect(Self.sameKind(wanted, got), "\(injected): got \(got)")
                #expect(got.recoverySuggestion?.isEmpty == false)
                #expect(got.errorDescription?.contains(emulator.configuration.secretKey) == false)
            default:
                Issue.record("\(injected): expected \(expected), got \(result)")
            }
        }
    }

    // MARK: Helpers

    static func webClient(_ emulator: DuoEmulator, trusting pem: String) throws -> DuoWebClient {
        let transport = TransportConfiguration(trust: .customRoots(pem: Array(pem.utf8)), timeout: HTTPTimeout(connect: requestLimit, total: requestLimit))
        var configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                                    apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
        configuration.transport = transport
        return try DuoWebClient(configuration: configuration, transport: try CurlTransport(configuration: transport))
    }

    /// Wraps a transport and counts the requests the client hands it: the attempts on the client
    /// side, for faults (a refused certificate) where the server never sees a request.
    final class CountingTransport: HTTPTransport {
        private let base: any HTTPTransport
        private let sent = Mutex(0)

        init(_ base: any HTTPTransport) { self.base = base }

        /// Requests handed to the wrapped transport so far.
        var attempts: Int { sent.withLock { $0 } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            sent.withLock { $0 += 1 }
            return try await base.send(request)
        }
    }

    /// Same case (and, for transport errors, the same transport code), ignoring the detail text.
    static func sameKind(_ lhs: DuoAuthError, _ rhs: DuoAuthError) -> Bool {
        switch (lhs, rhs) {
        case (.serviceFailure, .serviceFailure), (.rateLimited, .rateLimited), (.malformedResponse, .malformedResponse),
             (.credentialsRejected, .credentialsRejected), (.requestRejected, .requestRejected): true
        case (.transport(let left), .transport(let right)): left.code == right.code
        default: false
        }
    }

    /// `transport(timedOut)`, `rateLimited`, …: the enum case (and a transport code).
    static func caseName(_ error: DuoAuthError) -> String {
        if case .transport(let transport) = error { return "transport(\(transport.code))" }
        return Mirror(reflecting: error).children.first?.label ?? String(describing: error)
    }

    /// One line of the fault table.
    static func report(_ client: String, _ fault: some CustomStringConvertible, _ result: Result<Void, any Error>, _ elapsed: Duration, _ requests: Int) {
        let outcome: String = switch result {
        case .success: "success"
        case .failure(let error as DuoWebError): "DuoWebError.\(error.kindName)" + (error.underlyingTransportError.map { "(\($0.code))" } ?? "")
        case .failure(let error as DuoAuthError): "DuoAuthError." + caseName(error)
        case .failure(let error): String(describing: type(of: error))
        }
        let milliseconds = Int((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * 1000)
        print("FAULT-TABLE|\(client)|\(fault)|\(outcome)|\(milliseconds)|\(requests)")
    }
}
#endif
