import DuoCore
/// The `result` of `/auth/v2/auth` and `/auth/v2/auth_status`: `waiting` until the user answers, then `allow` or `deny`.
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoAuthResult: Sendable, Hashable, CustomStringConvertible {
    /// `waiting`.
    case waiting
    /// `allow`.
    case allow
    /// `deny`.
    case deny
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "waiting": self = .waiting
        case "allow": self = .allow
        case "deny": self = .deny
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .waiting: return "waiting"
        case .allow: return "allow"
        case .deny: return "deny"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
