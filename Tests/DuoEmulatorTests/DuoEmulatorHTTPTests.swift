#if Emulator
import DuoAuthAPI
import DuoCore
import DuoEmulator
import DuoOTP
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The emulator over real HTTP on 127.0.0.1: a browser (CurlTransport, which never follows
/// redirects) walks the prompt pages, a second "person" answers on /phone, and the relying party
/// (DuoWebClient, talking to the same FakeDuo) exchanges the code.
@Suite("DuoEmulator over HTTP")
struct DuoEmulatorHTTPTests {
    static let redirect = "http://127.0.0.1:1/duo-callback"

    static func client(_ emulator: DuoEmulator) throws -> DuoWebClient {
        let configuration = try DuoWebConfiguration(clientID: emulator.configuration.clientID,
                                                    clientSecret: emulator.configuration.clientSecret,
                                                    apiHost: emulator.duo.apiHost, redirectURI: redirect)
        return try DuoWebClient(configuration: configuration, transport: emulator.duo)
    }

    /// The browser's copy of an authorization URL: the emulator serves plain HTTP.
    static func browserURL(_ url: URL) throws -> URL {
        try #require(URL(string: "http" + url.absoluteString.dropFirst("https".count)))
    }

    static func get(_ browser: CurlTransport, _ url: URL) async throws -> HTTPResponse {
        try await browser.send(HTTPRequest(method: .get, url: url))
    }

    static func post(_ browser: CurlTransport, _ emulator: DuoEmulator, _ path: String, _ fields: [(String, String)]) async throws -> HTTPResponse {
        let url = try #require(URL(string: emulator.publicBaseURL + path))
        return try await browser.send(HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                  body: Array(FormEncoding.encode(fields).utf8)))
    }

    static func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func location(_ response: HTTPResponse) throws -> String {
        try #require(response.headers.values(for: "Location").first)
    }

    /// The value of the first hidden input `name`.
    static func hidden(_ name: String, in page: String) throws -> String {
        let marker = #"name="\#(name)" value=""#
        let start = try #require(page.range(of: marker)).upperBound
        let end = try #require(page[start...].firstIndex(of: "\""))
        return String(page[start..<end])
    }

    /// Opens the prompt for `username` and returns the prompt handle and the state sent.
    static func openPrompt(_ browser: CurlTransport, _ client: DuoWebClient, username: String) async throws -> (prompt: String, state: String, page: String) {
        let state = client.generateState()
        let url = try client.authorizationURL(username: username, state: state)
        let response = try await get(browser, try browserURL(url))
        #expect(response.status == 200)
        let page = text(response)
        #expect(page.contains("Signing in as <strong>\(username)</strong>"))
        #expect(page.contains("Send Me a Push") && page.contains("Enter a Passcode") && page.contains("Other options"))
        return (try hidden("prompt", in: page), state, page)
    }

    /// Sends a push, answers it on /phone, and returns the redirect back to the application.
    static func pushAndAnswer(_ answer: String, username: String, _ emulator: DuoEmulator) async throws -> (DuoWebClient, String, URL) {
        let browser = try EmulatorServer.browser()
        let client = try client(emulator)
        let (prompt, state, _) = try await openPrompt(browser, client, username: username)
        let sent = try await post(browser, emulator, "/frame/push", [("prompt", prompt)])
        #expect(sent.status == 303)
        let statusURL = try #require(URL(string: emulator.publicBaseURL + (try location(sent))))
        let waiting = try await get(browser, statusURL)
        #expect(waiting.status == 200 && text(waiting).contains("Check your phone"))

        let phone = try await get(browser, try #require(URL(string: emulator.publicBaseURL + "/phone")))
        let phonePage = text(phone)
        #expect(phonePage.contains(#"data-user="\#(username)""#))
        let push = try hidden("push", in: phonePage)
        let answered = try await post(browser, emulator, "/phone/answer", [("push", push), ("answer", answer)])
        #expect(answered.status == 303)

        let done = try await get(browser, statusURL)
        #expect(done.status == 303)
        let back = try #require(URL(string: try location(done)))
        #expect(back.absoluteString.hasPrefix(redirect + "?"))
        return (client, state, back)
    }

    @Test("Send Me a Push, Approve on the phone: the code exchanges for an allow with factor duo_push")
    func pushApproved() async throws {
        try await EmulatorServer.with { emulator in
            let (client, state, back) = try await Self.pushAndAnswer("approve", username: "alice", emulator)
            let callback = try client.callback(from: back, expectedState: state)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "alice")
            #expect(authorization.isAllowed)
            #expect(authorization.context?.factor == "duo_push")
            // The code is single-use, over the emulator exactly as in-process.
            await #expect(throws: DuoWebError.self) { try await client.exchangeAuthorizationCode(callback.code, username: "alice") }
            #expect(await emulator.duo.pendingPushes().isEmpty)
        }
    }

    @Test("Deny on the phone: the id_token reports deny")
    func pushDenied() async throws {
        try await EmulatorServer.with { emulator in
            let (client, state, back) = try await Self.pushAndAnswer("deny", username: "carol", emulator)
            let callback = try client.callback(from: back, expectedState: state)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "carol")
            #expect(!authorization.isAllowed)
            #expect(authorization.result.status == "deny")
        }
    }

    @Test("A push nobody answers times out")
    func pushTimesOut() async throws {
        try await EmulatorServer.with(pushLifetime: 0) { emulator in
            let browser = try EmulatorServer.browser()
            let client = try Self.client(emulator)
            let (prompt, state, _) = try await Self.openPrompt(browser, client, username: "dave")
            let sent = try await Self.post(browser, emulator, "/frame/push", [("prompt", prompt)])
            try await Task.sleep(for: .milliseconds(1_100))
            let done = try await Self.get(browser, try #require(URL(string: emulator.publicBaseURL + (try Self.location(sent)))))
            #expect(done.status == 303)
            let callback = try client.callback(from: try #require(URL(string: try Self.location(done))), expectedState: state)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "dave")
            #expect(authorization.result.status == "timeout")
        }
    }

    @Test("A passcode from the phone signs in once; the same passcode again is refused")
    func passcode() async throws {
        try await EmulatorServer.with { emulator in
            let browser = try EmulatorServer.browser()
            let client = try Self.client(emulator)
            let (prompt, state, _) = try await Self.openPrompt(browser, client, username: "erin")
            let device = try #require(await emulator.state.device(for: "erin"))
            let code = try device.key.totpGenerator().code(at: UInt64(Date().timeIntervalSince1970))
            let wrong = try await Self.post(browser, emulator, "/frame/passcode", [("prompt", prompt), ("passcode", code == "000000" ? "111111" : "000000")])
            #expect(wrong.status == 200 && Self.text(wrong).contains("Incorrect passcode"))
            let right = try await Self.post(browser, emulator, "/frame/passcode", [("prompt", prompt), ("passcode", code)])
            #expect(right.status == 303)
            let callback = try client.callback(from: try #require(URL(string: try Self.location(right))), expectedState: state)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "erin")
            #expect(authorization.isAllowed && authorization.context?.factor == "passcode")

            let (again, _, _) = try await Self.openPrompt(browser, client, username: "erin")
            let replay = try await Self.post(browser, emulator, "/frame/passcode", [("prompt", again), ("passcode", code)])
            #expect(replay.status == 200 && Self.text(replay).contains("Incorrect passcode"))
        }
    }

    @Test("A user with no device enrolls with the otpauth key, then sees the prompt; the Auth API agrees before and after")
    func enrollment() async throws {
        try await EmulatorServer.with(unenrolled: ["frank"]) { emulator in
            let browser = try EmulatorServer.browser()
            let client = try Self.client(emulator)
            let auth = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey,
                                                                             secretKey: emulator.configuration.secretKey,
                                                                             apiHost: emulator.duo.apiHost), transport: emulator.duo)
            #expect(try await auth.preauth(.username("frank")).result == .enroll)
            let url = try client.authorizationURL(username: "frank", state: client.generateState())
            let first = try await Self.get(browser, try Self.browserURL(url))
            #expect(first.status == 303)
            let enrollURL = try #require(URL(string: emulator.publicBaseURL + (try Self.location(first))))
            let page = Self.text(try await Self.get(browser, enrollURL))
            #expect(page.contains("otpauth://totp/"))
            let start = try #require(page.range(of: #"id="otpauth-secret">"#)).upperBound
            let secret = String(page[start...].prefix { $0 != "<" })
            let generator = try TOTPGenerator(secret: try OTPSecret(base32: secret))
            let prompt = try Self.hidden("prompt", in: page)
            let bad = try await Self.post(browser, emulator, "/frame/enroll", [("prompt", prompt), ("passcode", "12")])
            #expect(Self.text(bad).contains("does not match"))
            let code = generator.code(at: UInt64(Date().timeIntervalSince1970))
            let done = try await Self.post(browser, emulator, "/frame/enroll", [("prompt", prompt), ("passcode", code)])
            #expect(done.status == 200 && Self.text(done).contains("Send Me a Push"))
            #expect(await emulator.state.device(for: "frank") != nil)
            #expect(try await auth.preauth(.username("frank")).result == .auth)
        }
    }

    @Test("Scripted users and cancel end with Duo's redirects; bad requests get an error page")
    func scriptedAndErrors() async throws {
        try await EmulatorServer.with { emulator in
            let browser = try EmulatorServer.browser()
            let client = try Self.client(emulator)
            await emulator.duo.setUser(FakeDuoUser(username: "gina", outcome: .errorRedirect(error: "access_denied", description: "no")))
            let state = client.generateState()
            let scripted = try await Self.get(browser, try Self.browserURL(try client.authorizationURL(username: "gina", state: state)))
            #expect(scripted.status == 303)
            #expect(throws: DuoWebError.self) { try client.callback(from: try #require(URL(string: try Self.location(scripted))), expectedState: state) }

            let (prompt, _, _) = try await Self.openPrompt(browser, client, username: "hank")
            let cancelled = try await Self.post(browser, emulator, "/frame/cancel", [("prompt", prompt)])
            #expect(try Self.location(cancelled).contains("error=access_denied"))

            let tampered = try await Self.get(browser, try #require(URL(string: emulator.publicBaseURL + "/oauth/v1/authorize?response_type=code&client_id=x&request=y")))
            #expect(tampered.status == 400 && Self.text(tampered).contains("can't show this prompt"))
            let stale = try await Self.post(browser, emulator, "/frame/push", [("prompt", "unknown")])
            #expect(stale.status == 400)
        }
    }

    @Test("API endpoints are FakeDuo's own answers, forwarded over HTTP")
    func forwardsAPI() async throws {
        try await EmulatorServer.with { emulator in
            let browser = try EmulatorServer.browser()
            let token = try await Self.post(browser, emulator, "/oauth/v1/token", [("grant_type", "password")])
            #expect(token.status == 400 && Self.text(token).contains("unsupported_grant_type"))
            await emulator.duo.setFault(.httpStatus(503), on: "/oauth/v1/health_check")
            let health = try await Self.post(browser, emulator, "/oauth/v1/health_check", [])
            #expect(health.status == 503)
        }
    }
}
#endif
