import Crypto

extension HashAlgorithm {
    /// Hashes contiguous bytes and hands the digest to `body` without copying it into an array.
    ///
    /// Non-generic on purpose: called from another module, the `DataProtocol` methods run
    /// unspecialised (type metadata looked up at run time on every call), which on a
    /// 100-byte message costs about as much as the hashing itself.
    ///
    /// - Parameters:
    ///   - bytes: The message.
    ///   - body: Receives the digest bytes (20, 32 or 64).
    /// - Returns: What `body` returns.
    package func withDigest<R>(of bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .sha1: return Insecure.SHA1.hash(data: bytes).withUnsafeBytes(body)
        case .sha256: return SHA256.hash(data: bytes).withUnsafeBytes(body)
        case .sha512: return SHA512.hash(data: bytes).withUnsafeBytes(body)
        }
    }
}
