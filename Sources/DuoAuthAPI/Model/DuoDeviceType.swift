import DuoCore
/// The kind of an authentication device.
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoDeviceType: Sendable, Hashable, CustomStringConvertible {
    /// `phone`.
    case phone
    /// `token`.
    case token
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "phone": self = .phone
        case "token": self = .token
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .phone: return "phone"
        case .token: return "token"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
