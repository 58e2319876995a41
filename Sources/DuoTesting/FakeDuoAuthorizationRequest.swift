/// An authorization request ``FakeDuo`` has validated and is showing a prompt for.
public struct FakeDuoAuthorizationRequest: Sendable, Hashable {
    /// The user signing in (`duo_uname`).
    public let username: String
    /// Where Duo sends the browser back.
    public let redirectURI: String
    /// The application's `state`, echoed back unchanged.
    public let state: String
    /// The application's `nonce`, copied into the id_token.
    public let nonce: String?
    /// Whether the code travels as `duo_code` instead of `code`.
    public let usesDuoCode: Bool

    /// Creates a request.
    public init(username: String, redirectURI: String, state: String, nonce: String?, usesDuoCode: Bool) {
        self.username = username
        self.redirectURI = redirectURI
        self.state = state
        self.nonce = nonce
        self.usesDuoCode = usesDuoCode
    }
}
