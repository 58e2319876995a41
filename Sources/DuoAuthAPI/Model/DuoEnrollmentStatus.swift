import DuoCore
/// The state of an activation code, from `/auth/v2/enroll_status`.
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoEnrollmentStatus: Sendable, Hashable, CustomStringConvertible {
    /// `success`.
    case success
    /// `waiting`.
    case waiting
    /// `invalid`.
    case invalid
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "success": self = .success
        case "waiting": self = .waiting
        case "invalid": self = .invalid
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .success: return "success"
        case .waiting: return "waiting"
        case .invalid: return "invalid"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
