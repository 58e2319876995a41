public import Foundation

/// The Universal Prompt operations an application uses; ``DuoWebClient`` conforms, and tests of an
/// application can substitute a double.
public protocol DuoWebAuthenticating: Sendable {
    /// Checks that Duo is reachable and accepts this application's credentials.
    func healthCheck() async throws(DuoWebError) -> HealthCheckResult
    /// Generates a 36-character random state to store in the session.
    func generateState() -> String
    /// Generates a 36-character random nonce to store in the session.
    func generateNonce() -> String
    /// Builds the URL to redirect the browser to. Pure computation, no I/O.
    func authorizationURL(username: String, state: String, options: AuthorizationOptions) throws(DuoWebError) -> URL
    /// Reads Duo's redirect back and checks its state against the stored one.
    func callback(from url: URL, expectedState: String) throws(DuoWebError) -> DuoCallback
    /// Exchanges the one-time code for Duo's verified result.
    func exchangeAuthorizationCode(_ code: String, username: String, nonce: String?) async throws(DuoWebError) -> DuoAuthorization
}

extension DuoWebAuthenticating {
    /// Builds the authorization URL without optional parameters.
    public func authorizationURL(username: String, state: String) throws(DuoWebError) -> URL {
        try authorizationURL(username: username, state: state, options: AuthorizationOptions())
    }

    /// Exchanges a code when no nonce was sent.
    public func exchangeAuthorizationCode(_ code: String, username: String) async throws(DuoWebError) -> DuoAuthorization {
        try await exchangeAuthorizationCode(code, username: username, nonce: nil)
    }
}
