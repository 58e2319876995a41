import DuoWebSDK

/// README's "Protecting a login in 15 lines", kept here verbatim so the test build compiles it:
/// if the public API drifts from the README, `make test` fails to build. (The same flow runs for
/// real against FakeDuo in FlowTests.)
@available(*, deprecated, message: "compiled only; never called")
private func readmeExample(secretFromYourVault: String, callbackQuery: String) async throws {
    let duo = try DuoWebClient(configuration: DuoWebConfiguration(
        clientID: "DIXXXXXXXXXXXXXXXXXX", clientSecret: secretFromYourVault,
        apiHost: "api-xxxxxxxx.duosecurity.com", redirectURI: "https://app.example.com/duo/callback"))

    // After the password check: remember state and nonce server-side, send the browser to Duo.
    let state = duo.generateState(), nonce = duo.generateNonce()
    let url = try duo.authorizationURL(username: "alice", state: state, options: AuthorizationOptions(nonce: nonce))

    // At the callback: check state, exchange the code, read Duo's verdict.
    let callback = try duo.callback(query: callbackQuery, expectedState: state)
    let result = try await duo.exchangeAuthorizationCode(callback.code, username: "alice", nonce: nonce)
    if result.isAllowed { /* signed in */ } else { /* show result.explanation */ }
    _ = url
}
