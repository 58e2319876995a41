import DuoCore
/// What a device can do, from `/auth/v2/preauth`.
///
/// Values Duo adds later decode as `unknown(_:)` instead of failing.
public enum DuoDeviceCapability: Sendable, Hashable, CustomStringConvertible {
    /// `auto`.
    case auto
    /// `push`.
    case push
    /// `sms`.
    case sms
    /// `phone`.
    case phone
    /// `mobile_otp`.
    case mobileOTP
    /// A value this SDK does not know yet.
    case unknown(String)

    /// Maps Duo's text to a case.
    public init(rawValue: String) {
        switch rawValue {
        case "auto": self = .auto
        case "push": self = .push
        case "sms": self = .sms
        case "phone": self = .phone
        case "mobile_otp": self = .mobileOTP
        default: self = .unknown(ExternalText.sanitized(rawValue, limit: 100))
        }
    }

    /// Duo's text for the value.
    public var rawValue: String {
        switch self {
        case .auto: return "auto"
        case .push: return "push"
        case .sms: return "sms"
        case .phone: return "phone"
        case .mobileOTP: return "mobile_otp"
        case .unknown(let text): return text
        }
    }

    /// Duo's text for the value.
    public var description: String { rawValue }
}
