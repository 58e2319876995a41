/// How a user stands with Duo in ``FakeDuoAuthAPI``: what `/preauth` says and what `/auth`
/// accepts. How the user answers a push or call comes from ``FakeDuo``'s shared user directory
/// (``FakeDuoUser/outcome``).
public struct FakeDuoAuthAccount: Sendable, Hashable {
    /// The account's state.
    public enum State: Sendable, Hashable {
        /// Enrolled: must authenticate with a device.
        case active
        /// Bypass: let in without a second factor.
        case bypass
        /// Locked out or disabled: always denied.
        case lockedOut
        /// Not enrolled yet: preauth answers `enroll`.
        case notEnrolled
    }

    /// A device of the account.
    public struct Device: Sendable, Hashable {
        /// The device ID (`DP...`).
        public var id: String
        /// `phone` or `token`.
        public var type: String
        /// Capabilities such as `push`, `sms`, `phone`, `mobile_otp`.
        public var capabilities: [String]
        /// The display name.
        public var displayName: String

        /// Creates a device.
        public init(id: String, type: String = "phone", capabilities: [String] = ["auto", "push", "sms", "phone", "mobile_otp"],
                    displayName: String = "iOS (XXX-XXX-0100)") {
            self.id = id
            self.type = type
            self.capabilities = capabilities
            self.displayName = displayName
        }

        /// A smartphone with Duo Mobile.
        public static let phone = Device(id: "DPFAKEDEVICE00000001")
    }

    /// The username.
    public var username: String
    /// The state.
    public var state: State
    /// The devices (empty: "no capable device").
    public var devices: [Device]
    /// Passcodes that are accepted once each.
    public var passcodes: Set<String>
    /// Progress statuses `/auth_status` reports before the final answer (default `pushed`).
    public var progress: [String]

    /// Creates an account.
    public init(username: String, state: State = .active, devices: [Device] = [.phone], passcodes: Set<String> = ["123456"],
                progress: [String] = ["pushed"]) {
        self.username = username
        self.state = state
        self.devices = devices
        self.passcodes = passcodes
        self.progress = progress
    }
}

/// A push the fake received, decoded as Duo would show it.
public struct FakeDuoPush: Sendable, Hashable {
    /// The username.
    public let username: String
    /// The factor (`push`, `auto`, `phone`).
    public let factor: String
    /// The device asked for.
    public let device: String
    /// The `type` label.
    public let type: String?
    /// The `display_username`.
    public let displayUsername: String?
    /// The `pushinfo` pairs after decoding, in order (key, value).
    public let pushInfo: [[String]]
    /// Whether it was asynchronous.
    public let isAsync: Bool
}
