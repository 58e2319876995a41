import DuoCore
import DuoEmulator
import DuoWebSDK
import Hummingbird

/// The demo's HTML. Every value from a request or from Duo goes through `HTMLForm.escape`.
enum DemoPages {
    static func esc(_ text: String) -> String { HTMLForm.escape(text) }

    static func frame(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(esc(title)) · University Mail</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,sans-serif;background:#eef1f6;margin:0;color:#1d2430}
        header{background:#00274c;color:#ffcb05;padding:1rem 2rem;font-weight:700}
        main{max-width:32rem;margin:2rem auto;background:#fff;border-radius:10px;padding:2rem;box-shadow:0 2px 10px #0002}
        input{width:100%;padding:.6rem;margin:.3rem 0 1rem;box-sizing:border-box;font-size:1rem}
        input[type=checkbox]{width:auto} button{padding:.7rem 1.2rem;font-size:1rem;border:0;border-radius:6px;background:#00274c;color:#fff;cursor:pointer}
        .error{color:#b00020} dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem} dt{font-weight:600}
        table{width:100%;border-collapse:collapse} td,th{padding:.3rem;border-bottom:1px solid #ddd;text-align:left}
        </style></head>
        <body><header>University Mail</header><main>
        \(body)
        </main></body></html>
        """
    }

    static func login(csrf: String, offerRemember: Bool, error: String?) -> String {
        let problem = error.map { #"<p class="error" role="alert">\#(esc($0))</p>"# } ?? ""
        let remember = offerRemember
            ? #"<p><label><input type="checkbox" id="remember" name="remember"> Remember this browser for 30 days</label></p>"#
            : #"<p id="remember-disabled">Your administrator requires Duo at every sign-in.</p>"#
        return """
        <h1>Sign in to University Mail</h1>
        \(problem)
        <form method="post" action="/login">
        <input type="hidden" name="csrf" value="\(esc(csrf))">
        <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
        <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        \(remember)
        <button id="sign-in" type="submit">Sign in</button>
        </form>
        """
    }

    static func granted(_ signedIn: DemoSession.SignedIn, csrf: String) -> String {
        """
        <h1 id="granted">Access granted</h1>
        <p>Welcome, <strong>\(esc(signedIn.username))</strong>.\(signedIn.viaRememberedBrowser ? " Duo was skipped: this browser is remembered." : "")</p>
        <dl>
        <dt>Factor</dt><dd id="factor">\(esc(signedIn.factor))</dd>
        <dt>Device</dt><dd id="device">\(esc(signedIn.device))</dd>
        <dt>Location</dt><dd id="location">\(esc(signedIn.location))</dd>
        <dt>Time</dt><dd id="time">\(esc(signedIn.time))</dd>
        </dl>
        <p><a href="/admin">Admin: Duo providers</a></p>
        <form method="post" action="/logout"><input type="hidden" name="csrf" value="\(esc(csrf))"><button id="sign-out" type="submit">Sign out</button></form>
        """
    }

    /// A failure page with the SDK's help-desk text: what went wrong, then what to do.
    static func problem(title: String, what: String?, next: String?) -> Response {
        let body = """
        <h1 id="problem">\(esc(title))</h1>
        <p id="what">\(esc(what ?? "Something went wrong."))</p>
        \(next.map { #"<p id="next"><strong>What to do:</strong> \#(esc($0))</p>"# } ?? "")
        <p><a href="/">Back to sign-in</a></p>
        """
        return LoginDemo.page(.forbidden, title: title, body: body)
    }

    static func forbidden() -> Response {
        LoginDemo.page(.forbidden, title: "Form expired", body: "<h1>This form has expired</h1><p>Reload the page and try again.</p><p><a href=\"/\">Back to sign-in</a></p>")
    }

    static func admin(providers: [DuoProvider], allowsRemember: Bool, csrf: String, message: String?) -> String {
        let token = #"<input type="hidden" name="csrf" value="\#(esc(csrf))">"#
        var rows = ""
        for provider in providers {
            let name = esc(provider.name)
            rows += """
            <tr><td>\(name)</td><td>\(esc(provider.apiHost.description))</td><td>\(provider.isEnabled ? "enabled" : "disabled")</td>
            <td><form method="post" action="/admin">\(token)<input type="hidden" name="name" value="\(name)">
            <button name="action" value="test">Test</button>
            <button name="action" value="\(provider.isEnabled ? "disable" : "enable")">\(provider.isEnabled ? "Disable" : "Enable")</button></form></td></tr>
            """
        }
        return """
        <h1>MFA › Providers</h1>
        \(message.map { #"<p id="message" role="status">\#(esc($0))</p>"# } ?? "")
        <table><tr><th>Name</th><th>API host</th><th>State</th><th></th></tr>\(rows)</table>
        <h2>Register a provider</h2>
        <form method="post" action="/admin">\(token)<input type="hidden" name="action" value="register">
        <label>Name<input name="name" required></label><label>API host<input name="apiHost" required></label>
        <label>Client ID<input name="clientID" required></label><label>Client secret<input name="clientSecret" type="password" required></label>
        <button type="submit">Save (runs a health check)</button></form>
        <h2>Remembered browsers</h2>
        <p id="policy">\(allowsRemember ? "Browsers may be remembered for 30 days." : "Duo is required at every sign-in.")</p>
        <form method="post" action="/admin">\(token)<button id="policy-switch" name="action" value="\(allowsRemember ? "remember-off" : "remember-on")">\(allowsRemember ? "Require Duo every time" : "Allow remembering browsers")</button></form>
        <p><a href="/granted">Back</a></p>
        """
    }
}
