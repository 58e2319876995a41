import DuoCore

// What the test doubles show through `description`, `dump` and `Mirror`. They hold the same
// secrets as production (client secret, secret key, passcodes, issued codes and tokens), and an
// app's test logs are often kept, so they redact exactly as the clients do.

extension FakeDuo: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `FakeDuo(apiHost: ..., clientID: ...)`; the client secret, issued codes and tokens never.
    public nonisolated var description: String { SafeReflection.description("FakeDuo", ["apiHost": apiHost, "clientID": clientID]) }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// The API host and client ID only.
    public nonisolated var customMirror: Mirror { SafeReflection.mirror(self, ["apiHost": apiHost, "clientID": clientID], style: .class) }
}

extension FakeDuoAuthAPI: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `FakeDuoAuthAPI(hostname: ..., integrationKey: ...)`; the secret key and passcodes never.
    public nonisolated var description: String {
        SafeReflection.description("FakeDuoAuthAPI", ["hostname": hostname, "integrationKey": integrationKey])
    }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// The host name and integration key only.
    public nonisolated var customMirror: Mirror {
        SafeReflection.mirror(self, ["hostname": hostname, "integrationKey": integrationKey], style: .class)
    }
}

extension MockHTTPTransport: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `MockHTTPTransport()`: the recorded requests (signed headers, bodies) are read through
    /// ``requests``, never printed whole.
    public nonisolated var description: String { "MockHTTPTransport()" }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// No children.
    public nonisolated var customMirror: Mirror { SafeReflection.mirror(self, [:], style: .class) }
}

extension FakeDuoAuthAccount: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["username": username, "state": state, "devices": devices, "passcodes": "\(passcodes.count) redacted", "progress": progress]
    }
    /// The account, with its passcodes redacted.
    public var description: String { SafeReflection.description("FakeDuoAuthAccount", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The account, with its passcodes redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}

extension FakeDuoAuthorizationRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["username": username, "redirectURI": redirectURI, "state": SafeReflection.redacted,
         "nonce": SafeReflection.presence(nonce), "usesDuoCode": usesDuoCode]
    }
    /// The request, with its state and nonce redacted (as `DuoCallback` does).
    public var description: String { SafeReflection.description("FakeDuoAuthorizationRequest", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The request, with its state and nonce redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
