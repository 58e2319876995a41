import Crypto
public import Foundation

/// The hash functions Duo uses: SHA-1 (HOTP/TOTP defaults, Auth API signature v2 for old
/// integrations), SHA-256 (TOTP) and SHA-512 (every JWT, Auth API signatures v2 and v5).
///
/// All hashing goes through apple/swift-crypto; nothing here is hand-written cryptography.
public enum HashAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SHA-1. Still the default of RFC 4226/6238 passcodes, where HMAC-SHA1 remains sound.
    case sha1
    /// SHA-256.
    case sha256
    /// SHA-512.
    case sha512

    /// The digest length in bytes (20, 32 or 64).
    public var digestByteCount: Int {
        switch self {
        case .sha1: return Insecure.SHA1.byteCount
        case .sha256: return SHA256.byteCount
        case .sha512: return SHA512.byteCount
        }
    }

    /// The upper-case name used in otpauth:// URIs and logs: `SHA1`, `SHA256`, `SHA512`.
    public var description: String { rawValue.uppercased() }

    /// Hashes bytes.
    ///
    /// - Parameter data: The message.
    /// - Returns: The digest bytes.
    public func hash(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: return Array(Insecure.SHA1.hash(data: data))
        case .sha256: return Array(SHA256.hash(data: data))
        case .sha512: return Array(SHA512.hash(data: data))
        }
    }

    /// Hashes bytes and returns the digest as lower-case hex (the body and header hashes of
    /// Duo's v5 signatures).
    ///
    /// - Parameter data: The bytes to hash.
    /// - Returns: Two lower-case hex digits per digest byte.
    public func hexDigest(_ data: [UInt8]) -> String {
        Hex.encode(hash(data))
    }
}
