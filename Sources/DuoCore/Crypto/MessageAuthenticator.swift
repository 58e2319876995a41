import Crypto
public import Foundation

/// HMAC with a key that is prepared once and reused for many messages.
///
/// The MAC is swift-crypto's `HMAC` (issue 2: no hand-written hash or MAC). Composing HMAC here
/// from two swift-crypto hash states was measured 15 % fewer instructions per MAC, because
/// swift-crypto's `HMAC` has no inlinable code and runs unspecialised from this module; it was
/// not kept, so that the MAC construction stays the library's.
///
/// Building the HMAC key schedule (inner and outer padded hash states) costs two hash-block
/// compressions; a ``MessageAuthenticator`` does that once in `init` and copies the prepared
/// state for every message, which is what a signer on a hot path wants.
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

    /// Computes the authentication code of a message.
    ///
    /// - Parameter message: The message bytes.
    /// - Returns: The MAC (20, 32 or 64 bytes).
    public func authenticationCode<D: DataProtocol>(for message: D) -> [UInt8] {
        code(for: message) { Array($0) }
    }

    /// Computes the authentication code of a message and hands its bytes to `body` without
    /// copying them into an array.
    ///
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - body: Receives the MAC bytes.
    /// - Returns: What `body` returns.
    public func withAuthenticationCode<D: DataProtocol, R>(for message: D, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try code(for: message, body)
    }

    /// Computes the authentication code of contiguous message bytes and hands it to `body`
    /// without copying it into an array.
    ///
    /// The same code as the generic entry point, with the message type fixed, so callers in
    /// other modules (JWT and request signing, `duo speed`'s floors) pass a concrete buffer.
    ///
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - body: Receives the MAC bytes.
    /// - Returns: What `body` returns.
    public func withAuthenticationCode<R>(for message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try code(for: message, body)
    }

    /// The one HMAC path behind every entry point: a copy of the prepared swift-crypto `HMAC`
    /// absorbs the message. Generic, so each entry point gets it specialised for its message type.
    private func code<D: DataProtocol, R>(for message: D, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch prepared {
        case .sha1(var hmac):
            hmac.update(data: message)
            return try hmac.finalize().withUnsafeBytes(body)
        case .sha256(var hmac):
            hmac.update(data: message)
            return try hmac.finalize().withUnsafeBytes(body)
        case .sha512(var hmac):
            hmac.update(data: message)
            return try hmac.finalize().withUnsafeBytes(body)
        }
    }

    /// Checks a MAC in constant time.
    ///
    /// - Parameters:
    ///   - mac: The MAC that came with the message.
    ///   - message: The message bytes.
    /// - Returns: `true` when `mac` is the authentication code of `message` under this key.
    public func isValid<MAC: Collection, D: DataProtocol>(_ mac: MAC, for message: D) -> Bool where MAC.Element == UInt8 {
        withAuthenticationCode(for: message) { expected in
            ConstantTime.equals(expected, mac)
        }
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
