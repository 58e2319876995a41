public import DuoCore

/// The verified result of a Universal Prompt login: Duo's id_token, checked and decoded.
///
/// Decide with ``isAllowed``; every other outcome has an ``explanation`` and a ``nextStep``
/// a help desk can read out.
public struct DuoAuthorization: Sendable, Hashable {
    /// `auth_result`: Duo's decision.
    public let result: AuthResult
    /// `auth_context`: details of the authentication (device, factor, location), decoded leniently.
    public let context: AuthContext?
    /// `amr`: authentication methods, such as `["mfa", "otp"]`.
    public let authenticationMethods: [String]
    /// `preferred_username`: the user Duo authenticated (already checked against the login).
    public let preferredUsername: String
    /// `auth_time`: when the user authenticated (seconds since the epoch), when sent.
    public let authTime: Int64?
    /// `sub`, when sent.
    public let subject: String?
    /// Every claim of the id_token, including those not modelled here.
    public let claims: [String: JSONValue]

    /// Whether Duo allowed the login (`auth_result.result == "allow"`). Only then let the user in.
    public var isAllowed: Bool { result.result == .allow }

    /// A short explanation of a non-allow outcome (`nil` when allowed).
    public var explanation: String? {
        guard !isAllowed else { return nil }
        switch result.status {
        case "timeout": return "The user did not answer the Duo prompt in time."
        case "fraud": return "The user reported the Duo request as fraudulent."
        case "deny":
            return "Duo denied the login" + (result.statusMessage.map { ": \($0)" } ?? ".")
        default:
            let message = result.statusMessage ?? result.status ?? "no reason given"
            return "Duo did not allow the login (\(message))."
        }
    }

    /// What to do after a non-allow outcome (`nil` when allowed).
    public var nextStep: String? {
        guard !isAllowed else { return nil }
        switch result.status {
        case "timeout": return "Ask the user to sign in again and approve the Duo prompt promptly."
        case "fraud": return "Treat the account as possibly compromised: reset the password and review recent activity."
        default: return "Ask the user to sign in again; if Duo keeps denying, check the user's status and the application's policy in the Duo Admin Panel."
        }
    }
}

/// `auth_result`: Duo's decision about the login.
public struct AuthResult: Sendable, Hashable {
    /// `result`: allow, deny, or a value this SDK does not know.
    public let result: Outcome
    /// `status`, such as `allow`, `deny`, `timeout`.
    public let status: String?
    /// `status_msg`, such as `Login Successful`.
    public let statusMessage: String?

    /// Creates a result.
    ///
    /// `status` and `statusMessage` are Duo's text, shown to people (``DuoAuthorization/explanation``)
    /// and written to logs: they are kept without control characters and with a bounded length.
    public init(result: Outcome, status: String?, statusMessage: String?) {
        self.result = result
        self.status = ExternalText.sanitized(status, limit: 100)
        self.statusMessage = ExternalText.sanitized(statusMessage)
    }

    /// The `auth_result.result` value.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// `allow`
        case allow
        /// `deny`
        case deny
        /// Any other value (kept as sent).
        case unknown(String)

        init(_ text: String) {
            switch text {
            case "allow": self = .allow
            case "deny": self = .deny
            default: self = .unknown(ExternalText.sanitized(text, limit: 100))
            }
        }

        /// The value as Duo sends it.
        public var description: String {
            switch self {
            case .allow: return "allow"
            case .deny: return "deny"
            case .unknown(let text): return text
            }
        }
    }
}

/// A Duo tri-state flag: `true`, `false` or the string `"unknown"`.
public enum FlagStatus: Sendable, Hashable {
    /// `true`
    case enabled
    /// `false`
    case disabled
    /// `"unknown"` (or anything else Duo sends)
    case unknown
}

/// A location (`city`, `state`, `country`).
public struct DuoLocation: Sendable, Hashable {
    /// City.
    public let city: String?
    /// State or region.
    public let state: String?
    /// Country.
    public let country: String?
}

/// `auth_context`: how the user authenticated. Every field is optional; fields of an unexpected
/// type are ignored rather than failing the login.
public struct AuthContext: Sendable, Hashable {
    /// `txid`.
    public let transactionID: String?
    /// `timestamp`.
    public let timestamp: Int64?
    /// `isotimestamp`.
    public let isoTimestamp: String?
    /// `event_type`, e.g. `authentication`.
    public let eventType: String?
    /// `factor`, e.g. `duo_push`.
    public let factor: String?
    /// `result`, e.g. `success`.
    public let result: String?
    /// `reason`, e.g. `user_approved`.
    public let reason: String?
    /// `alias`.
    public let alias: String?
    /// `email`.
    public let email: String?
    /// `ood_software`.
    public let oodSoftware: String?
    /// `trusted_endpoint_status`.
    public let trustedEndpointStatus: String?
    /// `user`.
    public let user: User?
    /// `application`.
    public let application: Application?
    /// `auth_device`.
    public let authDevice: AuthDevice?
    /// `access_device`.
    public let accessDevice: AccessDevice?

    /// `auth_context.user`.
    public struct User: Sendable, Hashable {
        /// `name`.
        public let name: String?
        /// `key`.
        public let key: String?
        /// `groups`.
        public let groups: [String]
    }

    /// `auth_context.application`.
    public struct Application: Sendable, Hashable {
        /// `name`, e.g. `Web SDK 4`.
        public let name: String?
        /// `key` (the client ID).
        public let key: String?
    }

    /// `auth_context.auth_device`: the device that approved.
    public struct AuthDevice: Sendable, Hashable {
        /// `ip`.
        public let ip: String?
        /// `name`.
        public let name: String?
        /// `location`.
        public let location: DuoLocation?
    }

    /// `auth_context.access_device`: the device the user signs in from.
    public struct AccessDevice: Sendable, Hashable {
        /// `ip`.
        public let ip: String?
        /// `hostname` (or Go's `host_name`).
        public let hostname: String?
        /// `location`.
        public let location: DuoLocation?
        /// `browser`.
        public let browser: String?
        /// `browser_version`.
        public let browserVersion: String?
        /// `flash_version`.
        public let flashVersion: String?
        /// `java_version`.
        public let javaVersion: String?
        /// `os`.
        public let os: String?
        /// `os_version`.
        public let osVersion: String?
        /// `epkey`.
        public let endpointKey: String?
        /// `is_encryption_enabled`.
        public let isEncryptionEnabled: FlagStatus?
        /// `is_firewall_enabled`.
        public let isFirewallEnabled: FlagStatus?
        /// `is_password_set`.
        public let isPasswordSet: FlagStatus?
    }
}

// MARK: Lenient decoding from JSON values

extension [String: JSONValue] {
    fileprivate func string(_ key: String) -> String? { self[key]?.stringValue }
    fileprivate func object(_ key: String) -> [String: JSONValue]? { self[key]?.objectValue }
    fileprivate func location(_ key: String) -> DuoLocation? { object(key).map(DuoLocation.init(json:)) }
}

extension AuthResult {
    init?(json: [String: JSONValue]) {
        guard let result = json.string("result") else { return nil }
        self.init(result: Outcome(result), status: json.string("status"), statusMessage: json.string("status_msg"))
    }
}

extension AuthContext {
    /// Reads the context in one pass over its members, switching on each key, rather than a
    /// hashed lookup per field (about forty per id_token, a large share of its verification).
    /// Keys are unique, so each field is set at most once: the same values as per-key lookups.
    init(json: [String: JSONValue]) {
        var transactionID: String?, timestamp: Int64?, isoTimestamp: String?, eventType: String?
        var factor: String?, result: String?, reason: String?, alias: String?, email: String?
        var oodSoftware: String?, trustedEndpointStatus: String?
        var user: User?, application: Application?, authDevice: AuthDevice?, accessDevice: AccessDevice?
        for (key, value) in json {
            switch key {
            case "txid": transactionID = value.stringValue
            case "timestamp": timestamp = value.integerValue
            case "isotimestamp": isoTimestamp = value.stringValue
            case "event_type": eventType = value.stringValue
            case "factor": factor = value.stringValue
            case "result": result = value.stringValue
            case "reason": reason = value.stringValue
            case "alias": alias = value.stringValue
            case "email": email = value.stringValue
            case "ood_software": oodSoftware = value.stringValue
            case "trusted_endpoint_status": trustedEndpointStatus = value.stringValue
            case "user":
                user = value.objectValue.map { user in
                    let groups: [String]
                    if case .array(let values)? = user["groups"] { groups = values.compactMap(\.stringValue) } else { groups = [] }
                    return User(name: user.string("name"), key: user.string("key"), groups: groups)
                }
            case "application":
                application = value.objectValue.map { Application(name: $0.string("name"), key: $0.string("key")) }
            case "auth_device":
                authDevice = value.objectValue.map { AuthDevice(ip: $0.string("ip"), name: $0.string("name"), location: $0.location("location")) }
            case "access_device":
                accessDevice = value.objectValue.map(AccessDevice.init(json:))
            default:
                break
            }
        }
        self.init(
            transactionID: transactionID, timestamp: timestamp, isoTimestamp: isoTimestamp, eventType: eventType,
            factor: factor, result: result, reason: reason, alias: alias, email: email, oodSoftware: oodSoftware,
            trustedEndpointStatus: trustedEndpointStatus, user: user, application: application,
            authDevice: authDevice, accessDevice: accessDevice)
    }
}

extension AuthContext.AccessDevice {
    /// One pass over the members, as ``AuthContext/init(json:)`` does; `hostname` wins over
    /// Go's `host_name` when both are sent.
    init(json: [String: JSONValue]) {
        var ip: String?, hostname: String?, hostName: String?, location: DuoLocation?, browser: String?
        var browserVersion: String?, flashVersion: String?, javaVersion: String?, os: String?, osVersion: String?
        var endpointKey: String?, isEncryptionEnabled: FlagStatus?, isFirewallEnabled: FlagStatus?, isPasswordSet: FlagStatus?
        for (key, value) in json {
            switch key {
            case "ip": ip = value.stringValue
            case "hostname": hostname = value.stringValue
            case "host_name": hostName = value.stringValue
            case "location": location = value.objectValue.map(DuoLocation.init(json:))
            case "browser": browser = value.stringValue
            case "browser_version": browserVersion = value.stringValue
            case "flash_version": flashVersion = value.stringValue
            case "java_version": javaVersion = value.stringValue
            case "os": os = value.stringValue
            case "os_version": osVersion = value.stringValue
            case "epkey": endpointKey = value.stringValue
            case "is_encryption_enabled": isEncryptionEnabled = FlagStatus(json: value)
            case "is_firewall_enabled": isFirewallEnabled = FlagStatus(json: value)
            case "is_password_set": isPasswordSet = FlagStatus(json: value)
            default: break
            }
        }
        self.init(
            ip: ip, hostname: hostname ?? hostName, location: location, browser: browser,
            browserVersion: browserVersion, flashVersion: flashVersion, javaVersion: javaVersion,
            os: os, osVersion: osVersion, endpointKey: endpointKey, isEncryptionEnabled: isEncryptionEnabled,
            isFirewallEnabled: isFirewallEnabled, isPasswordSet: isPasswordSet)
    }
}

extension DuoLocation {
    init(json: [String: JSONValue]) {
        self.init(city: json.string("city"), state: json.string("state"), country: json.string("country"))
    }
}

extension FlagStatus {
    /// `true`, `false`, `nil` for `null`, and ``unknown`` for anything else.
    init?(json: JSONValue) {
        switch json {
        case .bool(true): self = .enabled
        case .bool(false): self = .disabled
        case .null: return nil
        default: self = .unknown
        }
    }
}

extension DuoAuthorization: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The claims as reflection shows them: the `nonce` claim redacted, like the nonce the
    /// session kept for this login.
    private var safeClaims: [String: JSONValue] {
        var claims = claims
        if claims["nonce"] != nil { claims["nonce"] = .string(SafeReflection.redacted) }
        return claims
    }
    private var safeFields: KeyValuePairs<String, Any> {
        ["result": result, "context": context as Any, "authenticationMethods": authenticationMethods,
         "preferredUsername": preferredUsername, "authTime": authTime as Any, "subject": subject as Any, "claims": safeClaims]
    }
    /// The verified result, with the `nonce` claim redacted.
    public var description: String { SafeReflection.description("DuoAuthorization", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The verified result, with the `nonce` claim redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
