
/// What Duo's redirect back to the application carried, once `state` has been checked.
public struct DuoCallback: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The one-time authorization code to pass to
    /// ``DuoWebClient/exchangeAuthorizationCode(_:username:nonce:)``. Never log it.
    public let code: String
    /// The state value, equal to the stored one.
    public let state: String

    /// Redacted: never prints the code.
    public var description: String { "DuoCallback(code: <redacted>, state: <\(state.count) characters>)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the code or the state, so `dump` and reflection print neither.
    public var customMirror: Mirror {
        Mirror(self, children: ["code": "<redacted>", "state": "<\(state.count) characters>"], displayStyle: .struct)
    }
}
