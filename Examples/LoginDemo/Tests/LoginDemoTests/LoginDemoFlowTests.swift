import DuoEmulator
import DuoWebSDK
import Foundation
import Hummingbird
import LoginDemoKit
import Testing

/// The whole demo over HTTP on 127.0.0.1: password, the embedded emulator's prompt, a push
/// answered on the emulated phone, the callback, and the granted page.
@Suite("Login demo end to end", .serialized)
struct LoginDemoFlowTests {
    struct StartFailed: Error {}

    static func withDemo(_ body: @Sendable (LoginDemo, String) async throws -> Void) async throws {
        guard let port = LoopbackPort.free() else { throw StartFailed() }
        let demo = try await LoginDemo(options: LoginDemoOptions(port: port))
        let router = Router()
        demo.addRoutes(to: router)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in continuation.yield() })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        let ready = await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in started { return true }; return false }
            group.addTask { try? await Task.sleep(for: .seconds(10)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard ready else { throw StartFailed() }
        try await body(demo, demo.baseURL)
    }

    /// Password step; returns the page the login POST redirected to.
    static func signIn(_ browser: DemoBrowser, _ base: String, _ username: String, _ password: String, remember: Bool = false) async throws -> DemoBrowser.Page {
        let home = try await browser.get(base + "/")
        let csrf = try #require(home.hidden("csrf"))
        var fields = [("csrf", csrf), ("username", username), ("password", password)]
        if remember { fields.append(("remember", "on")) }
        return try await browser.post(base + "/login", fields)
    }

    /// Prompt -> Send Me a Push -> answer on /phone -> the redirect back to /duo-callback.
    static func duoPush(_ browser: DemoBrowser, _ base: String, login: DemoBrowser.Page, answer: String) async throws -> String {
        #expect(login.status == 303)
        let promptURL = try #require(login.location)
        #expect(promptURL.hasPrefix(base + "/oauth/v1/authorize?"))
        let prompt = try await browser.get(promptURL)
        #expect(prompt.status == 200 && prompt.text.contains("Send Me a Push"))
        let sent = try await browser.post(base + "/frame/push", [("prompt", try #require(prompt.hidden("prompt")))])
        let statusURL = base + (try #require(sent.location))
        let phone = try await browser.get(base + "/phone")
        let push = try #require(phone.hidden("push"))
        _ = try await browser.post(base + "/phone/answer", [("push", push), ("answer", answer)])
        let done = try await browser.get(statusURL)
        #expect(done.status == 303)
        let back = try #require(done.location)
        #expect(back.hasPrefix(base + "/duo-callback?"))
        return back
    }

    @Test("Sign in, approve the push, get in; the callback cannot be replayed and its code cannot be reused")
    func approveThenReplay() async throws {
        try await Self.withDemo { _, base in
            let browser = try DemoBrowser()
            let login = try await Self.signIn(browser, base, "alice", "correct-horse")
            let callback = try await Self.duoPush(browser, base, login: login, answer: "approve")
            let landed = try await browser.get(callback)
            #expect(landed.status == 303 && landed.location == "/granted")
            let granted = try await browser.get(base + "/granted")
            #expect(granted.text.contains("Access granted"))
            #expect(granted.text.contains(#"<dd id="factor">duo_push</dd>"#))
            #expect(granted.text.contains(#"<dd id="device">iPhone</dd>"#))

            // Replayed state: the same callback again is refused.
            let replay = try await browser.get(callback)
            #expect(replay.status == 403 && replay.text.contains("already been used"))

            // Used code: a fresh sign-in's state with the old code is refused by Duo's token endpoint.
            let other = try DemoBrowser()
            let secondLogin = try await Self.signIn(other, base, "alice", "correct-horse")
            let secondLocation = try #require(secondLogin.location)
            let authorize = try #require(URLComponents(string: secondLocation))
            let request = try #require(authorize.queryItems?.first { $0.name == "request" }?.value)
            let payload = try #require(request.split(separator: ".").dropFirst().first)
            var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            let json = try #require(Data(base64Encoded: base64))
            let claims = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let freshState = try #require(claims["state"] as? String)
            let oldCode = try #require(URLComponents(string: callback)?.queryItems?.first { $0.name == "duo_code" }?.value)
            let reused = try await other.get(base + "/duo-callback?duo_code=\(oldCode)&state=\(freshState)")
            #expect(reused.status == 403 && reused.text.contains("Sign-in failed"))
            #expect(!reused.text.contains(oldCode))
        }
    }

    @Test("Deny on the phone shows Access denied with the help-desk text")
    func deny() async throws {
        try await Self.withDemo { _, base in
            let browser = try DemoBrowser()
            let login = try await Self.signIn(browser, base, "bob", "battery-staple")
            let callback = try await Self.duoPush(browser, base, login: login, answer: "deny")
            let page = try await browser.get(callback)
            #expect(page.status == 403 && page.text.contains("Access denied"))
            #expect(page.text.contains(#"id="next""#))
            let granted = try await browser.get(base + "/granted")
            #expect(granted.status == 303)
        }
    }

    @Test("A wrong password or a missing CSRF token never reaches Duo")
    func passwordAndCSRF() async throws {
        try await Self.withDemo { _, base in
            let browser = try DemoBrowser()
            let wrong = try await Self.signIn(browser, base, "alice", "wrong")
            #expect(wrong.status == 401 && wrong.location == nil)
            let forged = try await browser.post(base + "/login", [("csrf", "forged"), ("username", "alice"), ("password", "correct-horse")])
            #expect(forged.status == 403 && forged.location == nil)
        }
    }

    @Test("A remembered browser skips Duo until the policy switch requires Duo every time")
    func rememberedBrowser() async throws {
        try await Self.withDemo { _, base in
            let browser = try DemoBrowser()
            let login = try await Self.signIn(browser, base, "alice", "correct-horse", remember: true)
            _ = try await browser.get(try await Self.duoPush(browser, base, login: login, answer: "approve"))
            #expect(browser.cookies["duo_remembered"] != nil)

            // A new session in the same browser: Duo is skipped.
            browser.cookies["demo_session"] = nil
            let again = try await Self.signIn(browser, base, "alice", "correct-horse")
            #expect(again.status == 303 && again.location == "/granted")
            let granted = try await browser.get(base + "/granted")
            #expect(granted.text.contains("Duo was skipped"))

            // Another user in the same browser does not inherit it.
            browser.cookies["demo_session"] = nil
            let bob = try await Self.signIn(browser, base, "bob", "battery-staple")
            #expect(bob.location?.contains("/oauth/v1/authorize?") == true)

            // The admin turns remembering off: Duo is required again.
            browser.cookies["demo_session"] = nil
            _ = try await Self.signIn(browser, base, "alice", "correct-horse")
            let admin = try await browser.get(base + "/admin")
            let csrf = try #require(admin.hidden("csrf"))
            let switched = try await browser.post(base + "/admin", [("csrf", csrf), ("action", "remember-off")])
            #expect(switched.text.contains("Duo is required at every sign-in"))
            browser.cookies["demo_session"] = nil
            let forced = try await Self.signIn(browser, base, "alice", "correct-horse")
            #expect(forced.location?.contains("/oauth/v1/authorize?") == true)
        }
    }
}
