import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// Regression tests for what a security review of the Universal Prompt client found: loopback
/// redirect URIs that are DNS names, log injection through Duo's error redirect, and Unicode case
/// folding of usernames.
@Suite("Security findings: Universal Prompt")
struct SecurityFindingsTests {
    static let now: Int64 = 1_700_000_000

    // MARK: Loopback

    @Test("http redirect URIs are allowed only to loopback addresses and localhost", arguments: [
        ("http://127.evil.example/cb", false), ("http://127.0.0.1.nip.io/cb", false), ("http://app.localhost/cb", false),
        ("http://127.0.0.256/cb", false), ("http://127.1/cb", false), ("http://0x7f.0.0.1/cb", false), ("http://[::2]/cb", false),
        ("http://[::ffff:127.0.0.1]/cb", false), ("http://example.com/cb", false),
        ("http://127.0.0.1:8080/cb", true), ("http://127.255.0.9/cb", true), ("http://localhost:3000/cb", true),
        ("http://LOCALHOST/cb", true), ("http://[::1]:8080/cb", true), ("http://[0:0:0:0:0:0:0:1]/cb", true),
    ])
    func loopbackRedirectURIs(_ uri: String, _ allowed: Bool) throws {
        do {
            _ = try makeConfiguration(redirect: uri)
            #expect(allowed, "\(uri) was accepted")
        } catch {
            #expect(!allowed, "\(uri) was refused: \(error)")
            #expect(error as? DuoWebError == .invalidConfiguration)
        }
    }

    @Test("APIHost.isLoopback agrees with the redirect-URI rule")
    func apiHostLoopback() throws {
        #expect(try !APIHost("127.evil.example").isLoopback)
        #expect(try !APIHost("127.0.0.1.example.com:8443").isLoopback)
        #expect(try !APIHost("app.localhost").isLoopback)
        #expect(try APIHost("127.0.0.1:8443").isLoopback)
        #expect(try APIHost("[::1]:8443").isLoopback)
        #expect(try APIHost("localhost").isLoopback)
    }

    @Test("the transport refuses plain HTTP to a DNS name that starts with 127., even with loopback HTTP allowed")
    func transportLoopback() async throws {
        var configuration = TransportConfiguration()
        configuration.allowsInsecureLoopbackHTTP = true
        let transport = try CurlTransport(configuration: configuration)
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://127.evil.example:9/health")))
        await #expect(throws: TransportError.insecureURL) { try await transport.send(request) }
    }

    // MARK: Log injection

    @Test("Duo's error redirect cannot put a control character or an unbounded text into an error")
    func errorRedirectIsSanitised() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        let injected = "access_denied%0D%0A2026-12-02 INFO login granted for admin%1B%5B2J"
        let description = "Denied%0D%0Aforged line%E2%80%A8" + String(repeating: "x", count: 5_000)
        do {
            _ = try client.callback(query: "error=\(injected)&error_description=\(description)&state=\(Py.state)", expectedState: Py.state)
            Issue.record("the error redirect was accepted")
        } catch {
            #expect(error == .duoRedirectError)
            for text in [error.duoCode ?? "", error.duoMessage ?? "", error.description, error.errorDescription ?? "", String(reflecting: error)] {
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" }, "\(text.debugDescription.prefix(200))")
                #expect(text.count < 1_200, "unbounded: \(text.count) characters")
            }
            #expect(error.duoCode?.hasPrefix("access_denied") == true)
        }
    }

    @Test("Duo's token-endpoint error text is sanitised too")
    func tokenErrorIsSanitised() async throws {
        let transport = MockHTTPTransport()
        await transport.enqueue(status: 400, json: #"{"error":"invalid_grant\r\nx","error_description":"bad\ncode\u001b[31m"}"#)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: transport)
        await #expect {
            _ = try await client.exchangeAuthorizationCode("code", username: "user1")
        } throws: { error in
            let text = "\(error)"
            return (error as? DuoWebError) == .oauthError && !text.contains("\n") && !text.contains("\r") && !text.contains("\u{1B}")
        }
    }

    // MARK: Username case folding

    @Test("caseInsensitive folds ASCII only: the Kelvin sign does not pass for K")
    func kelvinSignIsNotK() async throws {
        let clock = FixedWallClock(secondsSince1970: TimeInterval(Self.now))
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock, usernameComparison: .caseInsensitive),
                                      transport: MockHTTPTransport())
        let token = signToken(validClaims(now: Self.now, username: "kim"))
        #expect(throws: DuoWebError.usernameMismatch) { try client.verifyIDToken(token, username: "\u{212A}im", nonce: nil) }
        // ASCII case still folds, as Duo folds usernames.
        #expect(try client.verifyIDToken(token, username: "KIM", nonce: nil).isAllowed)
        // And under .exact nothing folds.
        let exact = try DuoWebClient(configuration: try makeConfiguration(clock: clock), transport: MockHTTPTransport())
        #expect(throws: DuoWebError.usernameMismatch) { try exact.verifyIDToken(token, username: "KIM", nonce: nil) }
    }

    @Test("remembered browsers: every username comparison goes through the policy, ASCII-only folding")
    func rememberedBrowserUsernames() async throws {
        let clock = FixedWallClock(secondsSince1970: TimeInterval(Self.now))
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock, usernameComparison: .caseInsensitive),
                                      transport: MockHTTPTransport())
        let authorization = try client.verifyIDToken(signToken(validClaims(now: Self.now, username: "kim")), username: "KIM", nonce: nil)
        let key = try RememberedBrowserKey(id: "k1", secret: Array(repeating: 7, count: 32))

        // .exact: an allow for "kim" is not handed to "Kim".
        let exact = RememberedBrowserStore(key: key, policy: .standard, clock: clock)
        await #expect(throws: RememberedBrowserError.notAllowed) { try await exact.issue(username: "Kim", provider: "Staff", after: authorization) }

        // .caseInsensitive: "KIM" matches, the Kelvin sign does not, at issue and at verification.
        let folding = RememberedBrowserStore(key: key, policy: try RememberedBrowserPolicy(usernameComparison: .caseInsensitive), clock: clock)
        let token = try await folding.issue(username: "KIM", provider: "Staff", after: authorization)
        #expect(await folding.verify(token: token.value, username: "kim", provider: "Staff") != .duoRequired(.wrongUser))
        #expect(await folding.verify(token: token.value, username: "\u{212A}im", provider: "Staff") == .duoRequired(.wrongUser))
        await #expect(throws: RememberedBrowserError.notAllowed) {
            try await folding.issue(username: "\u{212A}im", provider: "Staff", after: authorization)
        }
        // Provider names fold ASCII only as well.
        #expect(await folding.verify(token: token.value, username: "kim", provider: "STAFF") != .duoRequired(.wrongProvider))
        let kelvinProvider = try await folding.issue(username: "kim", provider: "\u{212A}ey")
        #expect(await folding.verify(token: kelvinProvider.value, username: "kim", provider: "key") == .duoRequired(.wrongProvider))
    }

    // MARK: Broken clocks

    @Test("a clock outside 1970–9999 is refused with a typed error, never an overflow trap", arguments: [1e300, -1e300, Double.nan, -1])
    func brokenClock(_ seconds: Double) async throws {
        let clock = FixedWallClock(secondsSince1970: seconds)
        let client = try DuoWebClient(configuration: try makeConfiguration(clock: clock), transport: MockHTTPTransport())
        #expect(throws: DuoWebError.invalidConfiguration) { try client.authorizationURL(username: "user1", state: Py.state) }
        #expect(throws: DuoWebError.invalidConfiguration) { try client.makeClientAssertion(audience: "https://\(Py.host)/oauth/v1/token") }
        let store = RememberedBrowserStore(key: try RememberedBrowserKey(id: "k1", secret: Array(repeating: 7, count: 32)), clock: clock)
        await #expect(throws: RememberedBrowserError.invalidArgument) { try await store.issue(username: "kim", provider: "Staff") }
        let healthy = RememberedBrowserStore(key: try RememberedBrowserKey(id: "k1", secret: Array(repeating: 7, count: 32)),
                                             clock: FixedWallClock(secondsSince1970: TimeInterval(Self.now)))
        let token = try await healthy.issue(username: "kim", provider: "Staff")
        guard case .duoRequired = await store.verify(token: token.value, username: "kim", provider: "Staff") else {
            Issue.record("a broken clock let a remembered browser skip Duo")
            return
        }
    }
}
