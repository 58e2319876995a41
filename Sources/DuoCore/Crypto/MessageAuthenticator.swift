import Crypto
public import Foundation

/// HMAC with a key that is prepared once and reused for many messages.
///
/// Building the HMAC key schedule (inner and outer padded hash states) costs two hash-block
/// compressions; a ``MessageAuthenticator`` does that once in `init` and hashes every message
/// from copies of the prepared states, which is what a signer on a hot path wants. The hashing
/// is swift-crypto's (`HMACKeySchedule` explains why the two states are kept here rather than
/// in a copied `HMAC<H>`).
///
/// ```swift
/// let mac = MessageAuthenticator(.sha512, key: Array(secret.utf8))
/// let tag = mac.authenticationCode(for: Array("message".utf8))
/// ```
public struct MessageAuthenticator: Sendable {
    private enum Prepared: Sendable {
        case sha1(HMACKeySchedule<Insecure.SHA1>)
        case sha256(HMACKeySchedule<SHA256>)
        case sha512(HMACKeySchedule<SHA512>)
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
        self.algorithm = algorithm
        prepared = key.withUnsafeBytes { key in
            switch algorithm {
            case .sha1: return .sha1(HMACKeySchedule(key: key))
            case .sha256: return .sha256(HMACKeySchedule(key: key))
            case .sha512: return .sha512(HMACKeySchedule(key: key))
            }
        }
    }

    /// Computes the authentication code of a message.
    ///
    /// - Parameter message: The message bytes.
    /// - Returns: The MAC (20, 32 or 64 bytes).
    public func authenticationCode<D: DataProtocol>(for message: D) -> [UInt8] {
        withAuthenticationCode(for: message) { Array($0) }
    }

    /// Computes the authentication code of a message and hands its bytes to `body` without
    /// copying them into an array.
    ///
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - body: Receives the MAC bytes.
    /// - Returns: What `body` returns.
    public func withAuthenticationCode<D: DataProtocol, R>(for message: D, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        // Contiguous messages (arrays, buffers, native strings' bytes) are hashed in one update.
        if let code = try message.withContiguousStorageIfAvailable({ try withAuthenticationCode(for: UnsafeRawBufferPointer($0), body) }) {
            return code
        }
        switch prepared {
        case .sha1(let schedule): return try schedule.withCode(forRegionsOf: message, body)
        case .sha256(let schedule): return try schedule.withCode(forRegionsOf: message, body)
        case .sha512(let schedule): return try schedule.withCode(forRegionsOf: message, body)
        }
    }

    /// Computes the authentication code of contiguous message bytes and hands it to `body`
    /// without copying it into an array.
    ///
    /// Non-generic, so that callers in other modules (JWT signing, request signing) reach the
    /// hashing without generic dispatch.
    ///
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - body: Receives the MAC bytes.
    /// - Returns: What `body` returns.
    public func withAuthenticationCode<R>(for message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch prepared {
        case .sha1(let schedule): return try schedule.withCode(for: message, body)
        case .sha256(let schedule): return try schedule.withCode(for: message, body)
        case .sha512(let schedule): return try schedule.withCode(for: message, body)
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
