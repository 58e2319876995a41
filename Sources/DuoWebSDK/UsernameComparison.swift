public import DuoCore

/// How a username is compared: the `preferred_username` in Duo's id_token with the user who
/// signed in, and the user a remembered browser was issued to with the user signing in now.
public enum UsernameComparison: Sendable, Hashable {
    /// Byte-for-byte equality (the default, as in Duo's Python, Go, Java, Node and PHP SDKs).
    case exact
    /// Equality ignoring the case of ASCII letters (Duo's C# SDK since 1.3.1: Duo may lower-case
    /// aliases). Only `A`–`Z` fold: Duo folds usernames to ASCII lower case, and a Unicode fold
    /// would let "\u{212A}im" (Kelvin sign) pass for "kim".
    case caseInsensitive

    /// The form two usernames are compared in.
    func normalized(_ username: String) -> String {
        switch self {
        case .exact: return username
        case .caseInsensitive: return username.asciiLowercased
        }
    }

    /// Whether two usernames are the same user under this comparison (constant time in their
    /// contents).
    func matches(_ expected: String, _ actual: String) -> Bool {
        ConstantTime.equals(normalized(expected), normalized(actual))
    }
}
