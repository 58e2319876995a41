#if Emulator
import DuoCore
import DuoOTP
import DuoTesting
import Foundation
import Hummingbird

/// The emulated phone: pending pushes with Approve / Deny, and each device's current passcode
/// (what Duo Mobile shows).
extension DuoEmulator {
    func phone() async -> Response {
        let pushes = await duo.pendingPushes()
        var body = "<h1>Emulated phone</h1>"
        if pushes.isEmpty {
            body += #"<p id="no-pushes">No pending login requests. This page checks again every 3 seconds.</p>"#
        }
        for push in pushes {
            body += """
            <div class="push" data-user="\(HTML.escape(push.request.username))">
            <p><strong>Login request</strong> for <strong>\(HTML.escape(push.request.username))</strong>
            to \(HTML.escape(configuration.applicationName))</p>
            <form method="post" action="/phone/answer"><input type="hidden" name="push" value="\(push.id)">
            <button class="approve" name="answer" value="approve" type="submit">Approve</button>
            <button class="deny" name="answer" value="deny" type="submit">Deny</button></form></div>
            """
        }
        let now = UInt64(max(0, duo.clock.now().timeIntervalSince1970))
        let devices = await state.allDevices()
        if !devices.isEmpty {
            body += "<h2>Passcodes</h2><ul>"
            for (username, device) in devices {
                let code = (try? device.key.totpGenerator().code(at: now)) ?? "------"
                body += "<li>\(HTML.escape(username)) (\(HTML.escape(device.name))): <code class=\"passcode\">\(code)</code></li>"
            }
            body += "</ul>"
        }
        return Self.html(200, title: "Emulated phone", body: body, refreshSeconds: pushes.isEmpty ? 3 : nil)
    }

    func answer(form: [String: String]) async -> Response {
        guard let id = form["push"] else { return Self.redirect(to: "/phone") }
        let answer: FakeDuoPushState = switch form["answer"] {
        case "approve": .approved
        case "fraud": .fraud
        default: .denied
        }
        await duo.answerPush(id: id, with: answer)
        return Self.redirect(to: "/phone")
    }
}
#endif
