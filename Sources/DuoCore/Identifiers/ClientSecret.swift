/// A Duo Universal Prompt client secret: exactly 40 visible ASCII characters. It is the
/// HMAC-SHA512 key of every JWT exchanged with Duo, in both directions.
///
/// The value cannot be read back or printed: `"\(secret)"`, `String(reflecting:)`, `dump` and
/// `Mirror` all show `ClientSecret(<redacted>)`. The only thing you can do with it is let the SDK
/// sign and verify (``makeAuthenticator(_:)``). Equality is checked in constant time.
public struct ClientSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The required length, the same in every Duo SDK.
    public static let length = 40

    private let storage: SecretBytes

    /// Validates a client secret.
    ///
    /// - Parameter value: The Client secret from the Duo Admin Panel.
    /// - Throws: ``DuoError/invalidClientSecret`` when it is not 40 visible ASCII characters. The
    ///   error names the length, never the value.
    public init(_ value: String) throws(DuoError) {
        storage = try SecretBytes.validated(value, length: Self.length, code: .invalidClientSecret, name: "the client secret")
    }

    /// Prepares an HMAC key from the secret (the secret's UTF-8 bytes, as every Duo SDK uses them).
    ///
    /// - Parameter algorithm: The hash function; Duo's JWTs use ``HashAlgorithm/sha512``.
    /// - Returns: A prepared authenticator.
    public func makeAuthenticator(_ algorithm: HashAlgorithm = .sha512) -> MessageAuthenticator {
        MessageAuthenticator(algorithm, key: storage.bytes)
    }

    /// Always `ClientSecret(<redacted>)`.
    public var description: String { "ClientSecret(<redacted>)" }
    /// Always `ClientSecret(<redacted>)`.
    public var debugDescription: String { description }
    /// A mirror with no children, so `dump` and reflection show nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// A Duo Auth API secret key (skey): exactly 40 visible ASCII characters, the HMAC key of every
/// signed Auth API request.
///
/// Redacted everywhere, exactly like ``ClientSecret``.
public struct SecretKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The required length.
    public static let length = 40

    private let storage: SecretBytes

    /// Validates a secret key.
    ///
    /// - Parameter value: The Secret key from the Duo Admin Panel.
    /// - Throws: ``DuoError/invalidSecretKey`` when it is not 40 visible ASCII characters.
    public init(_ value: String) throws(DuoError) {
        storage = try SecretBytes.validated(value, length: Self.length, code: .invalidSecretKey, name: "the secret key")
    }

    /// Prepares an HMAC key from the secret key's UTF-8 bytes.
    ///
    /// - Parameter algorithm: ``HashAlgorithm/sha512`` for signature v5 and v2 (current), or
    ///   ``HashAlgorithm/sha1`` for old v2 integrations.
    /// - Returns: A prepared authenticator.
    public func makeAuthenticator(_ algorithm: HashAlgorithm) -> MessageAuthenticator {
        MessageAuthenticator(algorithm, key: storage.bytes)
    }

    /// Always `SecretKey(<redacted>)`.
    public var description: String { "SecretKey(<redacted>)" }
    /// Always `SecretKey(<redacted>)`.
    public var debugDescription: String { description }
    /// A mirror with no children.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
