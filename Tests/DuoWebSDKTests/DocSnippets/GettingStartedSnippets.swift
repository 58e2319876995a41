import DuoWebSDK
import Foundation

// Documentation/GettingStarted.md, section "4. Protect the route": the guide's snippets, kept
// here so the test build compiles them. If the public API drifts from the guide, the build fails.
// Compiled only; the same flow runs for real against FakeDuo in FlowTests.

@available(*, deprecated, message: "compiled only; never called")
private func gettingStartedClient(environment: [String: String]) throws -> DuoWebClient {
    let duo = try DuoWebClient(configuration: DuoWebConfiguration(
        clientID: environment["DUO_CLIENT_ID"] ?? "",
        clientSecret: environment["DUO_CLIENT_SECRET"] ?? "",
        apiHost: environment["DUO_API_HOST"] ?? "",
        redirectURI: "https://app.example.com/duo/callback"))
    return duo
}

@available(*, deprecated, message: "compiled only; never called")
private func gettingStartedRedirect(duo: DuoWebClient, username: String,
                                    session: inout [String: String]) throws -> URL {
    let state = duo.generateState(), nonce = duo.generateNonce()
    session["duo.state"] = state; session["duo.nonce"] = nonce; session["duo.username"] = username
    let url = try duo.authorizationURL(username: username, state: state,
                                       options: AuthorizationOptions(nonce: nonce))
    return url
}

@available(*, deprecated, message: "compiled only; never called")
private func gettingStartedCallback(duo: DuoWebClient, requestQuery: String, savedState: String,
                                    savedUsername: String, savedNonce: String) async throws -> String? {
    let callback = try duo.callback(query: requestQuery, expectedState: savedState)
    let result = try await duo.exchangeAuthorizationCode(callback.code, username: savedUsername,
                                                         nonce: savedNonce)
    if result.isAllowed {
        return nil
    } else {
        return (result.explanation ?? "") + " " + (result.nextStep ?? "")
    }
}
