import DuoCore
import Foundation

/// An HMAC key prepared once for many one-time-password codes: DuoCore's
/// ``MessageAuthenticator``, which absorbs the padded key into swift-crypto's hash states once
/// and hashes each 8-byte counter from copies of them (see `HMACKeySchedule` in DuoCore for why
/// it does not copy a prepared `HMAC<H>`).
struct PreparedHMAC: Sendable {
    private let authenticator: MessageAuthenticator

    init(_ algorithm: OTPAlgorithm, key: [UInt8]) {
        let hash: HashAlgorithm
        switch algorithm {
        case .sha1: hash = .sha1
        case .sha256: hash = .sha256
        case .sha512: hash = .sha512
        }
        authenticator = MessageAuthenticator(hash, key: key)
    }

    /// The full MAC of a message (for tests and cross-checks).
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { bytes in authenticator.withAuthenticationCode(for: bytes) { Array($0) } }
    }

    /// RFC 4226 dynamic truncation of HMAC(key, counter as 8 big-endian bytes): a 31-bit value.
    func truncatedValue(counter: UInt64) -> UInt32 {
        var message = counter.bigEndian
        return withUnsafeBytes(of: &message) { bytes in
            authenticator.withAuthenticationCode(for: bytes, Self.truncate)
        }
    }

    /// Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte is an offset; the four
    /// bytes there, big-endian, with the top bit cleared. Every MAC here is at least 20 bytes, so
    /// offset + 3 ≤ 18 is always inside it.
    private static func truncate(_ mac: UnsafeRawBufferPointer) -> UInt32 {
        guard mac.count >= 20 else { return 0 }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        return (UInt32(mac[offset] & 0x7F) << 24)
            | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
    }
}
