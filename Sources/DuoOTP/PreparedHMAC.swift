import Crypto
import Foundation

/// An HMAC whose key schedule (the inner and outer padded hash states) is computed once.
///
/// swift-crypto's `HMAC` value holds both keyed hash states after `init(key:)`; copying that
/// value and feeding it one message costs only the message's compressions, so a generator
/// pays for the key once instead of on every code.
struct PreparedHMAC: Sendable {
    private enum State: Sendable {
        case sha1(HMAC<Insecure.SHA1>)
        case sha256(HMAC<SHA256>)
        case sha512(HMAC<SHA512>)
    }

    private let state: State

    init(_ algorithm: OTPAlgorithm, key: [UInt8]) {
        let symmetricKey = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: state = .sha1(HMAC(key: symmetricKey))
        case .sha256: state = .sha256(HMAC(key: symmetricKey))
        case .sha512: state = .sha512(HMAC(key: symmetricKey))
        }
    }

    /// RFC 4226 dynamic truncation of HMAC(key, counter as 8 big-endian bytes): a 31-bit value.
    func truncatedValue(counter: UInt64) -> UInt32 {
        var message = counter.bigEndian
        return withUnsafeBytes(of: &message) { bytes in
            switch state {
            case .sha1(var hmac):
                hmac.update(data: bytes)
                return hmac.finalize().withUnsafeBytes(Self.truncate)
            case .sha256(var hmac):
                hmac.update(data: bytes)
                return hmac.finalize().withUnsafeBytes(Self.truncate)
            case .sha512(var hmac):
                hmac.update(data: bytes)
                return hmac.finalize().withUnsafeBytes(Self.truncate)
            }
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
