import Crypto
import DuoCore
import Foundation

/// What the demo remembers about one browser between requests.
struct DemoSession: Sendable {
    /// Token echoed in every form (CSRF protection: a cross-site form cannot know it).
    let csrfToken: String
    /// The user whose password was checked, waiting for Duo.
    var pendingUsername: String?
    /// Whether the user asked to remember this browser.
    var wantsRemember = false
    /// The `state` and `nonce` sent to Duo; cleared when the callback uses them, so a replayed
    /// callback is refused.
    var duoState: String?
    var duoNonce: String?
    /// The provider the prompt went to.
    var provider: String?
    /// The signed-in user and how they got in.
    var signedIn: SignedIn?

    struct SignedIn: Sendable {
        let username: String
        let factor: String
        let device: String
        let location: String
        let time: String
        let viaRememberedBrowser: Bool
    }
}

/// Server-side sessions behind signed cookies: the cookie is `id.mac` where `mac` is
/// HMAC-SHA256(id) under a key made at start, so a forged or guessed id is refused before lookup.
actor SessionStore {
    static let cookieName = "demo_session"
    private let key = SymmetricKey(size: .bits256)
    private var sessions: [String: DemoSession] = [:]

    /// The session a cookie value names, if its signature holds.
    func session(cookie: String?) -> (id: String, session: DemoSession)? {
        guard let cookie, let dot = cookie.firstIndex(of: ".") else { return nil }
        let id = String(cookie[..<dot]), mac = String(cookie[cookie.index(after: dot)...])
        guard ConstantTime.equals(mac, sign(id)), let session = sessions[id] else { return nil }
        return (id, session)
    }

    /// Starts a session and returns its cookie value.
    func create() -> (cookie: String, id: String, session: DemoSession) {
        let id = SecureRandom.nonce()
        let session = DemoSession(csrfToken: SecureRandom.nonce())
        sessions[id] = session
        return (id + "." + sign(id), id, session)
    }

    func update(_ id: String, _ change: (inout DemoSession) -> Void) {
        guard var session = sessions[id] else { return }
        change(&session)
        sessions[id] = session
    }

    func remove(_ id: String) { sessions[id] = nil }

    private func sign(_ id: String) -> String {
        Base64URL.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: key)))
    }
}
