/// Who an Auth API call is about: a username or a Duo user ID (exactly one is sent).
public enum DuoUser: Sendable, Hashable, CustomStringConvertible {
    /// The username as Duo knows it.
    case username(String)
    /// Duo's user ID (`DU...`).
    case userID(String)

    var parameter: (String, String) {
        switch self {
        case .username(let name): return ("username", name)
        case .userID(let id): return ("user_id", id)
        }
    }

    /// `username=...` or `user_id=...`.
    public var description: String { parameter.0 + "=" + parameter.1 }
}
