import Crypto
import Foundation

/// An HMAC key (RFC 2104) as two swift-crypto hash states: one that has absorbed the key XOR
/// ipad, one the key XOR opad. Each message is hashed from copies of them.
///
/// This is what swift-crypto's `HMAC` holds too, and the hashing is swift-crypto's; only the
/// composition is done here. The reason: `HMAC<H>` is generic and none of its code is
/// inlinable, so from this module every `update(data:)`, `finalize()` and `withUnsafeBytes` of
/// a copied `HMAC<SHA512>` ran unspecialised — a walk over `DataProtocol.regions` with
/// `Optional` metadata looked up at run time, witness-table calls, a value-witness copy and
/// destroy of the whole struct. That was about 40 % of the non-hashing cost of every MAC
/// (`duo speed`, `ref.hmac_sha512`: 18 400 → 15 800 instructions per MAC under callgrind).
/// Here `H` is a concrete hash function at every use, so each step is a direct call.
///
/// Tests compare every code with swift-crypto's `HMAC<H>` for keys of every length around the
/// block size and random messages (`MessageAuthenticatorEquivalenceTests`).
struct HMACKeySchedule<H: HashFunction>: @unchecked Sendable {
    // `@unchecked`: swift-crypto's hash functions are `Sendable` structs over a copy-on-write
    // context; these two are never mutated after `init` (every message hashes from a copy,
    // and the first update of a copy makes its own context), so sharing them is safe.
    private let inner: H
    private let outer: H

    /// Absorbs the padded key into the two states (RFC 2104, section 2): a key longer than one
    /// hash block is hashed first; the key is then padded with zeros to one block.
    init(key: UnsafeRawBufferPointer) {
        var block = [UInt8](repeating: 0, count: H.blockByteCount)
        block.withUnsafeMutableBytes { block in
            if key.count > H.blockByteCount {
                H.hash(data: key).withUnsafeBytes { block.copyMemory(from: $0) }
            } else {
                block.copyMemory(from: key)
            }
        }
        var inner = H(), outer = H()
        var padded = block.map { $0 ^ 0x36 }
        padded.withUnsafeBytes { inner.update(bufferPointer: $0) }
        for index in padded.indices { padded[index] = block[index] ^ 0x5C }
        padded.withUnsafeBytes { outer.update(bufferPointer: $0) }
        // The key's copies are not needed any more; clear them rather than leave them in
        // freed memory.
        for index in block.indices { block[index] = 0; padded[index] = 0 }
        self.inner = inner
        self.outer = outer
    }

    /// HMAC(key, message) = H(key ⊕ opad ‖ H(key ⊕ ipad ‖ message)), handed to `body`.
    func withCode<R>(for message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var inner = self.inner
        inner.update(bufferPointer: message)
        return try withOuterCode(of: inner, body)
    }

    /// The same for a message in several regions (a non-contiguous `DataProtocol`).
    func withCode<D: DataProtocol, R>(forRegionsOf message: D, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var inner = self.inner
        for region in message.regions {
            region.withUnsafeBytes { inner.update(bufferPointer: $0) }
        }
        return try withOuterCode(of: inner, body)
    }

    private func withOuterCode<R>(of inner: H, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return try outer.finalize().withUnsafeBytes(body)
    }
}
