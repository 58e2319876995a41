
/// What Duo's redirect back to the application carried, once `state` has been checked.
public struct DuoCallback: Sendable, Hashable, CustomStringConvertible {
    /// The one-time authorization code to pass to
    /// ``DuoWebClient/exchangeAuthorizationCode(_:username:nonce:)``. Never log it.
    public let code: String
    /// The state value, equal to the stored one.
    public let state: String

    /// Redacted: never prints the code.
    public var description: String { "DuoCallback(code: <redacted>, state: <\(state.count) characters>)" }
}
