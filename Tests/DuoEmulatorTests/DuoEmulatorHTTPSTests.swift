#if Emulator
import DuoAuthAPI
import DuoCore
import DuoEmulator
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The emulator over HTTPS with its throwaway CA: the real SDK client over libcurl, trusting only
/// that CA, runs a health check and a whole sign-in with no URL rewriting.
@Suite("DuoEmulator over HTTPS")
struct DuoEmulatorHTTPSTests {
    @Test("DuoWebClient over CurlTransport trusting only the generated CA: health check, prompt, code exchange")
    func wholeFlowOverTLS() async throws {
        let authority = try ThrowawayCertificateAuthority()
        #expect(authority.caCertificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        try await EmulatorServer.with(tls: authority) { emulator in
            #expect(emulator.publicBaseURL == emulator.duo.baseURL)
            let transport = try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8))))
            let configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                                        apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
            let client = try DuoWebClient(configuration: configuration, transport: transport)
            _ = try await client.healthCheck()

            await emulator.duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))
            let state = client.generateState()
            let prompt = try await transport.send(HTTPRequest(method: .get, url: try client.authorizationURL(username: "ivy", state: state)))
            #expect(prompt.status == 303)
            let back = try #require(prompt.headers.values(for: "Location").first.flatMap { URL(string: $0) })
            let callback = try client.callback(from: back, expectedState: state)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "ivy")
            #expect(authorization.isAllowed)

            // The system trust store does not know the throwaway CA.
            let untrusting = try CurlTransport(configuration: TransportConfiguration(trust: .system))
            await #expect(throws: (any Error).self) {
                try await untrusting.send(HTTPRequest(method: .get, url: try #require(URL(string: emulator.publicBaseURL + "/phone"))))
            }
        }
    }

    @Test("A client given localhost: the certificate names it, signatures over it verify, tokens are issued by it")
    func localhostIsTheSameEmulator() async throws {
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            let port = try #require(emulator.duo.apiHost.split(separator: ":").last)
            let host = "localhost:\(port)"
            let transport = try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8))))
            let configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                                        apiHost: host, redirectURI: "https://127.0.0.1:1/callback")
            let client = try DuoWebClient(configuration: configuration, transport: transport)
            _ = try await client.healthCheck()
            await emulator.duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))
            let state = client.generateState()
            let prompt = try await transport.send(HTTPRequest(method: .get, url: try client.authorizationURL(username: "ivy", state: state)))
            #expect(prompt.status == 303)
            let back = try #require(prompt.headers.values(for: "Location").first.flatMap { URL(string: $0) })
            // DuoWebClient checks that the id_token's issuer is https://localhost:PORT/oauth/v1/token.
            let authorization = try await client.exchangeAuthorizationCode(try client.callback(from: back, expectedState: state).code, username: "ivy")
            #expect(authorization.isAllowed)

            for version in [DuoSignatureVersion.v2, .v5] {
                let auth = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey,
                                                                                 secretKey: emulator.configuration.secretKey, apiHost: host,
                                                                                 signatureVersion: version), transport: transport)
                _ = try await auth.check()
                #expect(try await auth.preauth(.username("ivy")).result == .auth)
            }
        }
    }

    @Test("The same sign-in run on the client's preferred executor (the transfer thread)")
    func wholeFlowOnThePreferredExecutor() async throws {
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            let transport = try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8))))
            let configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                                        apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
            let client = try DuoWebClient(configuration: configuration, transport: transport)
            let executor = try #require(client.preferredTaskExecutor)
            await emulator.duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))
            let allowed = try await withTaskExecutorPreference(executor) {
                for _ in 0..<5 { _ = try await client.healthCheck() }
                let state = client.generateState()
                let prompt = try await transport.send(HTTPRequest(method: .get, url: try client.authorizationURL(username: "ivy", state: state)))
                let back = try #require(prompt.headers.values(for: "Location").first.flatMap { URL(string: $0) })
                let callback = try client.callback(from: back, expectedState: state)
                return try await client.exchangeAuthorizationCode(callback.code, username: "ivy").isAllowed
            }
            #expect(allowed)

            // An in-process double has no preference, so the same call site runs anywhere.
            let offline = try DuoWebClient(configuration: configuration, transport: emulator.duo)
            #expect(offline.preferredTaskExecutor == nil)
        }
    }
}
#endif
