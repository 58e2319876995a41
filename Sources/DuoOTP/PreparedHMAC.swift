import Crypto
import Foundation

/// HMAC (RFC 2104) whose key schedule — the hash states after absorbing the key XOR ipad and
/// the key XOR opad — is computed once per key.
///
/// This is the HMAC construction over swift-crypto's hash functions, exactly what
/// swift-crypto's own `HMAC` does in `init(key:)`; holding the two keyed hash states directly
/// lets each code feed them through `HashFunction.update(bufferPointer:)` (a concrete call)
/// instead of the generic `DataProtocol` path, which costs generic-metadata lookups on every
/// message. Tests compare it with `HMAC<H>` for keys of every length class.
struct PreparedHMAC: Sendable {
    private enum State: Sendable {
        case sha1(inner: Insecure.SHA1, outer: Insecure.SHA1)
        case sha256(inner: SHA256, outer: SHA256)
        case sha512(inner: SHA512, outer: SHA512)
    }

    private let state: State

    init(_ algorithm: OTPAlgorithm, key: [UInt8]) {
        switch algorithm {
        case .sha1:
            let (inner, outer) = Self.keyed(Insecure.SHA1.self, key: key)
            state = .sha1(inner: inner, outer: outer)
        case .sha256:
            let (inner, outer) = Self.keyed(SHA256.self, key: key)
            state = .sha256(inner: inner, outer: outer)
        case .sha512:
            let (inner, outer) = Self.keyed(SHA512.self, key: key)
            state = .sha512(inner: inner, outer: outer)
        }
    }

    /// The inner and outer hash states: a key longer than the block is hashed first, then
    /// zero-padded to the block size and XORed with 0x36 (inner) and 0x5C (outer).
    private static func keyed<H: HashFunction>(_: H.Type, key: [UInt8]) -> (H, H) {
        var block = key.count > H.blockByteCount ? Array(H.hash(data: key)) : key
        block.append(contentsOf: repeatElement(0, count: H.blockByteCount - block.count))
        var inner = H(), outer = H()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5C })
        for index in block.indices { block[index] = 0 }
        return (inner, outer)
    }

    /// The full MAC of a message (for tests and cross-checks).
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { bytes in
            switch state {
            case .sha1(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer) { Array($0) }
            case .sha256(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer) { Array($0) }
            case .sha512(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer) { Array($0) }
            }
        }
    }

    /// RFC 4226 dynamic truncation of HMAC(key, counter as 8 big-endian bytes): a 31-bit value.
    func truncatedValue(counter: UInt64) -> UInt32 {
        var message = counter.bigEndian
        return withUnsafeBytes(of: &message) { bytes in
            switch state {
            case .sha1(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer, Self.truncate)
            case .sha256(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer, Self.truncate)
            case .sha512(let inner, let outer): return Self.mac(bytes, inner: inner, outer: outer, Self.truncate)
            }
        }
    }

    /// H(outer ‖ H(inner ‖ message)), handed to `body` without copying.
    @inline(__always)
    private static func mac<H: HashFunction, R>(_ message: UnsafeRawBufferPointer, inner: H, outer: H, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var inner = inner, outer = outer
        inner.update(bufferPointer: message)
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize().withUnsafeBytes(body)
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
