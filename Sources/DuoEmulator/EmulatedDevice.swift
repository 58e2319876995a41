#if Emulator
public import DuoOTP

/// A user's phone in the emulator: a name and the TOTP key Duo Mobile would hold.
public struct EmulatedDevice: Sendable {
    /// What the prompt and the id_token call the device ("iPhone").
    public let name: String
    /// The otpauth key (the seed is redacted in descriptions).
    public let key: OTPAuthURI
    /// The last time step a passcode was accepted for, so a passcode works once.
    var lastAcceptedStep: UInt64?

    /// Creates a device.
    public init(name: String, key: OTPAuthURI) {
        self.name = name
        self.key = key
    }
}
#endif
