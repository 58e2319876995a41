import DuoCore
/// Options of a push.
public struct DuoPushOptions: Sendable, Hashable {
    /// The device ID from preauth, or `auto`.
    public var device: String
    /// A short label shown with the app name in Duo Mobile, such as `Login`.
    public var type: String?
    /// The name shown instead of the Duo username.
    public var displayUsername: String?
    /// Extra lines shown in Duo Mobile.
    public var pushInfo: DuoPushInfo

    /// Creates push options.
    public init(device: String = "auto", type: String? = nil, displayUsername: String? = nil, pushInfo: DuoPushInfo = [:]) {
        self.device = device
        self.type = type
        self.displayUsername = displayUsername
        self.pushInfo = pushInfo
    }
}

/// The second factor of an `/auth/v2/auth` call.
///
/// A passcode is never shown: ``description`` and reflection redact it.
public enum DuoAuthFactor: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Duo picks the best out-of-band option for the device.
    case auto(device: String)
    /// A Duo Mobile push.
    case push(DuoPushOptions)
    /// A passcode (Duo Mobile, SMS, token or bypass code).
    case passcode(String)
    /// Texts a new batch of passcodes; this never authenticates (result `deny`, status `sent`).
    case sms(device: String)
    /// A phone call.
    case phone(device: String)

    /// Duo's factor name.
    public var name: String {
        switch self {
        case .auto: return "auto"
        case .push: return "push"
        case .passcode: return "passcode"
        case .sms: return "sms"
        case .phone: return "phone"
        }
    }

    /// Whether Duo holds a synchronous call open until the user answers.
    var waitsForUser: Bool {
        switch self {
        case .auto, .push, .phone: return true
        case .passcode, .sms: return false
        }
    }

    func append(to parameters: inout DuoParameters) {
        parameters.append("factor", name)
        switch self {
        case .auto(let device), .sms(let device), .phone(let device):
            parameters.append("device", device)
        case .push(let options):
            parameters.append("device", options.device)
            parameters.append("type", options.type)
            parameters.append("display_username", options.displayUsername)
            if !options.pushInfo.isEmpty { parameters.append("pushinfo", options.pushInfo.encoded) }
        case .passcode(let passcode):
            parameters.append("passcode", passcode)
        }
    }

    /// The factor name, with any passcode redacted.
    public var description: String {
        if case .passcode = self { return "passcode(<redacted>)" }
        return name
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with no children, so a passcode never shows in `dump`.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .enum) }
}

/// An `/auth/v2/auth` request.
public struct DuoAuthRequest: Sendable, Hashable {
    /// Who authenticates.
    public var user: DuoUser
    /// With what.
    public var factor: DuoAuthFactor
    /// The client's IP address, for Duo's IP and location policies.
    public var ipAddress: String?
    /// The name of the device being accessed.
    public var hostname: String?
    /// The Verified Push transaction id from preauth.
    public var verifiedPushTXID: String?

    /// Creates a request.
    public init(user: DuoUser, factor: DuoAuthFactor, ipAddress: String? = nil, hostname: String? = nil, verifiedPushTXID: String? = nil) {
        self.user = user
        self.factor = factor
        self.ipAddress = ipAddress
        self.hostname = hostname
        self.verifiedPushTXID = verifiedPushTXID
    }

    func parameters(async: Bool) -> DuoParameters {
        var parameters = DuoParameters()
        parameters.append(user.parameter.0, user.parameter.1)
        factor.append(to: &parameters)
        parameters.append("ipaddr", ipAddress)
        parameters.append("hostname", hostname)
        parameters.append("txid", verifiedPushTXID)
        parameters.append("async", async ? "1" : "0")
        return parameters
    }
}

/// Options of `/auth/v2/preauth`.
public struct DuoPreauthOptions: Sendable, Hashable {
    /// The client's IP address.
    public var ipAddress: String?
    /// The name of the device being accessed.
    public var hostname: String?
    /// A token from an earlier allowed authentication (remembered devices).
    public var trustedDeviceToken: String?
    /// Whether the client can show a Verified Push code.
    public var clientSupportsVerifiedPush: Bool

    /// Creates options.
    public init(ipAddress: String? = nil, hostname: String? = nil, trustedDeviceToken: String? = nil, clientSupportsVerifiedPush: Bool = false) {
        self.ipAddress = ipAddress
        self.hostname = hostname
        self.trustedDeviceToken = trustedDeviceToken
        self.clientSupportsVerifiedPush = clientSupportsVerifiedPush
    }
}

extension DuoPreauthOptions: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["ipAddress": ipAddress as Any, "hostname": hostname as Any, "trustedDeviceToken": SafeReflection.presence(trustedDeviceToken),
         "clientSupportsVerifiedPush": clientSupportsVerifiedPush]
    }
    /// The options, with the trusted device token (a credential that skips Duo) redacted.
    public var description: String { SafeReflection.description("DuoPreauthOptions", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The options, with the trusted device token redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
