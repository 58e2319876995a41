import DuoCore
/// The `status` of an authentication: progress (`pushed`, `calling`, `answered`) or the final reason (`allow`, `deny`, `timeout`, `fraud`, `sent`, ...).
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoAuthStatus: Sendable, Hashable, CustomStringConvertible {
    /// `pushed`.
    case pushed
    /// `calling`.
    case calling
    /// `answered`.
    case answered
    /// `allow`.
    case allow
    /// `deny`.
    case deny
    /// `timeout`.
    case timeout
    /// `fraud`.
    case fraud
    /// `sent`.
    case sent
    /// `bypass`.
    case bypass
    /// `locked_out`.
    case lockedOut
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "pushed": self = .pushed
        case "calling": self = .calling
        case "answered": self = .answered
        case "allow": self = .allow
        case "deny": self = .deny
        case "timeout": self = .timeout
        case "fraud": self = .fraud
        case "sent": self = .sent
        case "bypass": self = .bypass
        case "locked_out": self = .lockedOut
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .pushed: return "pushed"
        case .calling: return "calling"
        case .answered: return "answered"
        case .allow: return "allow"
        case .deny: return "deny"
        case .timeout: return "timeout"
        case .fraud: return "fraud"
        case .sent: return "sent"
        case .bypass: return "bypass"
        case .lockedOut: return "locked_out"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
