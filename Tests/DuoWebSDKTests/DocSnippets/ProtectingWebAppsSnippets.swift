import DuoWebSDK
import Foundation

// Documentation/ProtectingWebApps.md, section "The framework-neutral part": the code a Hummingbird
// or Vapor route calls. Compiled here so it keeps matching the public API; the framework glue in
// the guide is illustrative (Vapor is not a dependency of this package).

/// What the session keeps between the redirect to Duo and the callback.
struct PendingDuoLogin: Codable, Sendable {
    var username: String
    var state: String
    var nonce: String
}

/// What the callback route shows.
enum DuoLoginOutcome: Sendable {
    /// Duo allowed the login: mark the session signed in and redirect to the app.
    case signedIn(username: String)
    /// Show an error page with these three texts.
    case problem(title: String, what: String, next: String?)
}

/// The two steps of a Duo-protected login, independent of the web framework.
struct DuoLoginFlow: Sendable {
    let duo: DuoWebClient

    /// After the password check: the pending login to store in the session, and where to redirect.
    func start(username: String) throws(DuoWebError) -> (pending: PendingDuoLogin, redirect: URL) {
        let state = duo.generateState(), nonce = duo.generateNonce()
        let url = try duo.authorizationURL(username: username, state: state,
                                           options: AuthorizationOptions(nonce: nonce))
        return (PendingDuoLogin(username: username, state: state, nonce: nonce), url)
    }

    /// At the callback. `pending` must already be removed from the session (one use only).
    func finish(query: String, pending: PendingDuoLogin?) async -> DuoLoginOutcome {
        guard let pending else {
            return .problem(title: "This sign-in link has already been used",
                            what: "The Duo answer does not belong to a sign-in in progress in this browser.",
                            next: "Go back to the start page and sign in again.")
        }
        do {
            let callback = try duo.callback(query: query, expectedState: pending.state)
            let result = try await duo.exchangeAuthorizationCode(callback.code, username: pending.username,
                                                                 nonce: pending.nonce)
            guard result.isAllowed else {
                return .problem(title: "Access denied", what: result.explanation ?? "Duo did not allow this sign-in.",
                                next: result.nextStep)
            }
            return .signedIn(username: pending.username)
        } catch {
            return .problem(title: "Sign-in failed", what: error.errorDescription ?? "Duo's answer could not be checked.",
                            next: error.recoverySuggestion)
        }
    }
}
