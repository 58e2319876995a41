import Crypto
import DuoCore

/// Salted password hashes for the demo users: PBKDF2-HMAC-SHA256 (RFC 8018) with a random
/// 16-byte salt per user, built on swift-crypto's HMAC. Real deployments should use their
/// identity provider's hashing (Argon2id, scrypt or PBKDF2 with a tuned iteration count).
struct PasswordHash: Sendable {
    /// Iterations: high enough to make the demo honest, low enough to start fast in debug builds.
    static let iterations = 20_000

    let salt: [UInt8]
    let derived: [UInt8]

    /// Hashes a password with a fresh random salt.
    init(password: String) {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        self.salt = salt
        self.derived = Self.pbkdf2(password: Array(password.utf8), salt: salt, iterations: Self.iterations)
    }

    /// Whether `password` matches, compared in constant time.
    func matches(_ password: String) -> Bool {
        ConstantTime.equals(Self.pbkdf2(password: Array(password.utf8), salt: salt, iterations: Self.iterations), derived)
    }

    /// One 32-byte block of PBKDF2-HMAC-SHA256 (the output length equals the hash length).
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<max(1, iterations) {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}
