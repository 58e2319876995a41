#if Emulator
import DuoCore

// What the emulator's types show through `description`, `dump` and `Mirror`: never its client
// secret, secret key or the throwaway CA's private key.

extension DuoEmulatorConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["clientID": clientID, "clientSecret": SafeReflection.redacted, "integrationKey": integrationKey,
         "secretKey": SafeReflection.redacted, "applicationName": applicationName, "pushLifetime": pushLifetime]
    }
    /// The settings, with the client secret and secret key redacted.
    public var description: String { SafeReflection.description("DuoEmulatorConfiguration", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The settings, with the client secret and secret key redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}

extension ThrowawayCertificateAuthority: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `ThrowawayCertificateAuthority(caCertificatePEM: ...)`: the server's TLS configuration holds
    /// the private key and is never reflected.
    public var description: String { SafeReflection.description("ThrowawayCertificateAuthority", ["caCertificatePEM": caCertificatePEM]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The CA certificate only.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["caCertificatePEM": caCertificatePEM]) }
}

extension DuoEmulator: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `DuoEmulator(publicBaseURL: ..., configuration: ...)` with the configuration redacted.
    public var description: String {
        SafeReflection.description("DuoEmulator", ["publicBaseURL": publicBaseURL, "configuration": configuration])
    }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The base URL, the (redacted) configuration and the fake behind it.
    public var customMirror: Mirror {
        SafeReflection.mirror(self, ["publicBaseURL": publicBaseURL, "configuration": configuration, "duo": duo])
    }
}

extension EmulatorState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `EmulatorState()`: prompts, enrolments (TOTP seeds) and devices are read through its
    /// methods, never printed.
    public nonisolated var description: String { "EmulatorState()" }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// No children.
    public nonisolated var customMirror: Mirror { SafeReflection.mirror(self, [:], style: .class) }
}

extension EmulatedDevice: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `EmulatedDevice(name: ..., key: ...)`; the key (an `otpauth://` URI) shows no seed.
    public var description: String { SafeReflection.description("EmulatedDevice", ["name": name, "key": key]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The name and the (redacted) key.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["name": name, "key": key]) }
}
#endif
