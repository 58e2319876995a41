#if Emulator
import DuoCore
import DuoOTP
import DuoTesting
import Foundation
import Hummingbird

/// The Universal Prompt pages: prompt, push wait, passcode, cancel, enrollment.
extension DuoEmulator {
    func authorize(query: String, authority: String) async -> Response {
        guard let url = URL(string: "https://" + authority + "/oauth/v1/authorize?" + query) else { return invalidRequest("The address is malformed.") }
        let request: FakeDuoAuthorizationRequest
        do {
            request = try await duo.authorizationRequest(from: url)
        } catch {
            return invalidRequest(error.message)
        }
        // A scripted user answers at once, as FakeDuo.simulateBrowser does in unit tests, once
        // enrolled: an unenrolled one sees enrollment first, as on every other face.
        let users = await duo.users
        if users.isEnrolled(request.username), let scripted = users.scriptedUser(named: request.username) {
            return finish(try? await duo.completeAuthorization(request, outcome: scripted.outcome))
        }
        let prompt = await state.openPrompt(request)
        guard await state.device(for: request.username) != nil else {
            return Self.redirect(to: "/frame/enroll?prompt=" + prompt)
        }
        return await promptPage(prompt, request: request, message: nil)
    }

    func promptPage(_ prompt: String, request: FakeDuoAuthorizationRequest, message: String?) async -> Response {
        let device = await state.device(for: request.username)
        let error = message.map { #"<p class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? ""
        let body = """
        <h1>Signing in as <strong>\(HTML.escape(request.username))</strong></h1>
        <p>to <strong>\(HTML.escape(configuration.applicationName))</strong></p>
        \(error)
        <form method="post" action="/frame/push"><input type="hidden" name="prompt" value="\(prompt)">
        <button id="send-push" type="submit">Send Me a Push</button>
        <p class="muted">to \(HTML.escape(device?.name ?? "your phone"))</p></form>
        <form method="post" action="/frame/passcode"><input type="hidden" name="prompt" value="\(prompt)">
        <label for="passcode">Enter a Passcode</label>
        <input id="passcode" name="passcode" inputmode="numeric" autocomplete="one-time-code">
        <button id="verify-passcode" type="submit" class="secondary">Verify passcode</button></form>
        <details><summary>Other options</summary>
        <p><a class="button" id="add-device" href="/frame/enroll?prompt=\(prompt)">Add a new device</a></p>
        <form method="post" action="/frame/cancel"><input type="hidden" name="prompt" value="\(prompt)">
        <button id="cancel" type="submit" class="secondary">Cancel and return to \(HTML.escape(configuration.applicationName))</button></form>
        </details>
        <p class="muted">Open the emulated phone at <a href="/phone" target="_blank">/phone</a> to answer a push.</p>
        """
        return Self.html(200, title: "Duo Prompt", body: body)
    }

    func sendPush(form: [String: String]) async -> Response {
        guard let prompt = form["prompt"], let request = await state.prompt(prompt) else { return expired() }
        let push = await duo.sendPush(for: request)
        return Self.redirect(to: "/frame/push/status?prompt=\(prompt)&push=\(push.id)")
    }

    func pushStatus(form: [String: String]) async -> Response {
        guard let prompt = form["prompt"], let request = await state.prompt(prompt),
              let id = form["push"], let push = await duo.push(id: id) else { return expired() }
        guard push.state == .pending else {
            await state.closePrompt(prompt)
            return finish(try? await duo.completePush(id: id))
        }
        let device = await state.device(for: request.username)
        let body = """
        <h1>Check your phone</h1>
        <p id="push-sent">Pushed a login request to <strong>\(HTML.escape(device?.name ?? "your phone"))</strong>.</p>
        <p class="muted">Approve or deny it on the emulated phone: <a href="/phone" target="_blank">/phone</a>. This page checks again every 2 seconds.</p>
        """
        return Self.html(200, title: "Duo Push sent", body: body, refreshSeconds: 2)
    }

    func passcode(form: [String: String]) async -> Response {
        guard let prompt = form["prompt"], let request = await state.prompt(prompt) else { return expired() }
        let code = (form["passcode"] ?? "").filter { !$0.isWhitespace }
        let now = UInt64(max(0, duo.clock.now().timeIntervalSince1970))
        guard await state.verifyPasscode(code, for: request.username, at: now) else {
            return await promptPage(prompt, request: request, message: "Incorrect passcode. Enter a passcode from your phone.")
        }
        await state.closePrompt(prompt)
        return finish(try? await duo.completeAuthorization(request, outcome: .allow, factor: "passcode"))
    }

    func cancel(form: [String: String]) async -> Response {
        guard let prompt = form["prompt"], let request = await state.prompt(prompt) else { return expired() }
        await state.closePrompt(prompt)
        let outcome = FakeDuoOutcome.errorRedirect(error: "access_denied", description: "The user cancelled the authentication.")
        return finish(try? await duo.completeAuthorization(request, outcome: outcome))
    }

    func enroll(form: [String: String], isSubmission: Bool) async -> Response {
        guard let prompt = form["prompt"], let request = await state.prompt(prompt),
              let key = await state.enrollmentKey(for: request.username) else { return expired() }
        var message = ""
        if isSubmission {
            let code = (form["passcode"] ?? "").filter { !$0.isWhitespace }
            let now = UInt64(max(0, duo.clock.now().timeIntervalSince1970))
            if await state.completeEnrollment(for: request.username, passcode: code, at: now) {
                return await promptPage(prompt, request: request, message: nil)
            }
            message = #"<p class="error" role="alert">That code does not match the key. Try the current code.</p>"#
        }
        // The otpauth URI is shown on purpose, as a QR code and as text: this is the page where a
        // user adds the key to an authenticator app. It is a throwaway key of a local emulator.
        let body = """
        <h1>Set up Duo for <strong>\(HTML.escape(request.username))</strong></h1>
        <p>You have no device yet. Scan this QR code with an authenticator app (or copy the key), then enter its current code.</p>
        \(Self.inlineQRCode(key.uriString, id: "otpauth-qr"))
        <p><code id="otpauth-uri">\(HTML.escape(key.uriString))</code></p>
        <p class="muted">Key: <code id="otpauth-secret">\(HTML.escape(key.secret.base32))</code></p>
        \(message)
        <form method="post" action="/frame/enroll"><input type="hidden" name="prompt" value="\(prompt)">
        <label for="passcode">Code from the app</label><input id="passcode" name="passcode" inputmode="numeric">
        <button id="finish-enrollment" type="submit">Finish enrollment</button></form>
        """
        return Self.html(200, title: "Duo enrollment", body: body)
    }

    // MARK: Endings

    func finish(_ redirect: URL?) -> Response {
        guard let redirect else { return invalidRequest("The redirect URI cannot carry the answer.") }
        return Self.redirect(to: redirect.absoluteString)
    }

    func expired() -> Response {
        Self.html(400, title: "Prompt expired", body: "<h1>This prompt has expired</h1><p>Return to the application and sign in again.</p>")
    }

    func invalidRequest(_ reason: String) -> Response {
        Self.html(400, title: "Invalid request",
                  body: "<h1>Duo can't show this prompt</h1><p id=\"reason\">\(HTML.escape(reason))</p><p>Ask the application's administrator to check its Duo configuration.</p>")
    }
}
#endif
