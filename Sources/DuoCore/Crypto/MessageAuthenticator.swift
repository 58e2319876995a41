import Crypto
public import Foundation

/// HMAC with a key that is prepared once and reused for many messages: the one HMAC path of
/// the package (JWTs, Auth API signatures, remembered-browser tokens, HOTP and TOTP).
///
/// The MAC is swift-crypto's `HMAC`, never a hand-written one. Building its key schedule (inner
/// and outer padded hash states) costs two hash-block compressions; a ``MessageAuthenticator``
/// does that once in `init` and copies the prepared value for every message.
///
/// ```swift
/// let mac = MessageAuthenticator(.sha512, key: Array(secret.utf8))
/// let tag = mac.authenticationCode(for: Array("message".utf8))
/// ```
public struct MessageAuthenticator: Sendable {
    private enum Prepared: Sendable {
        case sha1(HMAC<Insecure.SHA1>)
        case sha256(HMAC<SHA256>)
        case sha512(HMAC<SHA512>)
    }

    /// The hash function under the HMAC.
    public let algorithm: HashAlgorithm
    private let prepared: Prepared

    /// Prepares an HMAC key.
    ///
    /// - Parameters:
    ///   - algorithm: The hash function.
    ///   - key: The key bytes (any length; keys longer than the hash block are hashed first, as
    ///     RFC 2104 says).
    public init<Key: ContiguousBytes>(_ algorithm: HashAlgorithm, key: Key) {
        let symmetricKey = SymmetricKey(data: key)
        self.algorithm = algorithm
        switch algorithm {
        case .sha1: prepared = .sha1(HMAC(key: symmetricKey))
        case .sha256: prepared = .sha256(HMAC(key: symmetricKey))
        case .sha512: prepared = .sha512(HMAC(key: symmetricKey))
        }
    }

    /// Computes the authentication code of a message from a copy of the prepared `HMAC`.
    ///
    /// - Parameter message: The message bytes.
    /// - Returns: The MAC (20, 32 or 64 bytes).
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        switch prepared {
        case .sha1(var hmac):
            hmac.update(data: message)
            return Array(hmac.finalize())
        case .sha256(var hmac):
            hmac.update(data: message)
            return Array(hmac.finalize())
        case .sha512(var hmac):
            hmac.update(data: message)
            return Array(hmac.finalize())
        }
    }

    /// Checks a MAC in constant time.
    ///
    /// - Parameters:
    ///   - mac: The MAC that came with the message.
    ///   - message: The message bytes.
    /// - Returns: `true` when `mac` is the authentication code of `message` under this key.
    public func isValid(_ mac: [UInt8], for message: [UInt8]) -> Bool {
        ConstantTime.equals(authenticationCode(for: message), mac)
    }
}

extension MessageAuthenticator: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `MessageAuthenticator(algorithm: sha512, key: <redacted>)`: the prepared inner and outer
    /// hash states are as good as the key (they finish a valid MAC for any message), so neither
    /// text nor reflection ever reaches them.
    public var description: String { SafeReflection.description("MessageAuthenticator", ["algorithm": algorithm, "key": SafeReflection.redacted]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// Only the algorithm.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["algorithm": algorithm]) }
}
