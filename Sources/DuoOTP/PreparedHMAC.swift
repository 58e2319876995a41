import Crypto
import Foundation

/// swift-crypto's `HMAC` with its key schedule computed once per key.
///
/// `HMAC<H>.init(key:)` absorbs the key XOR ipad/opad into two hash states; an `HMAC` value is
/// a plain struct, so copying the prepared value and feeding it one message reuses that work
/// instead of redoing it for every code. The MAC itself is always swift-crypto's: the issue's
/// rule is no hand-written hash or MAC, even where one would be faster.
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

    /// The full MAC of a message (for tests and cross-checks).
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { bytes in
            switch state {
            case .sha1(let prepared): return Self.mac(bytes, prepared) { Array($0) }
            case .sha256(let prepared): return Self.mac(bytes, prepared) { Array($0) }
            case .sha512(let prepared): return Self.mac(bytes, prepared) { Array($0) }
            }
        }
    }

    /// RFC 4226 dynamic truncation of HMAC(key, counter as 8 big-endian bytes): a 31-bit value.
    func truncatedValue(counter: UInt64) -> UInt32 {
        var message = counter.bigEndian
        return withUnsafeBytes(of: &message) { bytes in
            switch state {
            case .sha1(let prepared): return Self.mac(bytes, prepared, Self.truncate)
            case .sha256(let prepared): return Self.mac(bytes, prepared, Self.truncate)
            case .sha512(let prepared): return Self.mac(bytes, prepared, Self.truncate)
            }
        }
    }

    /// The MAC of `message` from a copy of the prepared HMAC, handed to `body` without copying.
    @inline(__always)
    private static func mac<H: HashFunction, R>(_ message: UnsafeRawBufferPointer, _ prepared: HMAC<H>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var hmac = prepared
        hmac.update(data: message)
        return hmac.finalize().withUnsafeBytes(body)
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
