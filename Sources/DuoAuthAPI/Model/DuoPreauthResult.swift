import DuoCore
/// What `/auth/v2/preauth` decided for a user.
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoPreauthResult: Sendable, Hashable, CustomStringConvertible {
    /// `auth`.
    case auth
    /// `allow`.
    case allow
    /// `deny`.
    case deny
    /// `enroll`.
    case enroll
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "auth": self = .auth
        case "allow": self = .allow
        case "deny": self = .deny
        case "enroll": self = .enroll
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .auth: return "auth"
        case .allow: return "allow"
        case .deny: return "deny"
        case .enroll: return "enroll"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
