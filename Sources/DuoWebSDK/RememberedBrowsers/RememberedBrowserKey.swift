import DuoCore

/// The relying party's key for remembered-browser tokens: an id, written into every token, and
/// a secret of at least 32 bytes, the HMAC-SHA256 key. Redacted in every printed form.
///
/// Keep the key in your secret store and give it to every server of the application; rotating it
/// (``RememberedBrowserStore/rotateKey(to:)``) revokes every token issued with older keys.
public struct RememberedBrowserKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The shortest secret accepted, in bytes (the HMAC-SHA256 output size).
    public static let minimumSecretLength = 32
    /// The longest secret accepted, in bytes.
    public static let maximumSecretLength = 1024
    /// The longest key id, in characters.
    public static let maximumIDLength = 32

    /// The key id: 1...32 characters of `A-Z a-z 0-9 - _`. Not secret.
    public let id: String
    let secret: [UInt8]

    /// Creates a key from secret bytes.
    ///
    /// - Parameters:
    ///   - id: The key id; see ``id``.
    ///   - secret: 32...1024 random bytes.
    /// - Throws: ``RememberedBrowserError/invalidKey`` naming the problem (never the secret).
    public init(id: String, secret: some Collection<UInt8>) throws(RememberedBrowserError) {
        try Self.validateID(id)
        guard (Self.minimumSecretLength...Self.maximumSecretLength).contains(secret.count) else {
            throw .kind(.invalidKey, "the secret must be \(Self.minimumSecretLength) to \(Self.maximumSecretLength) bytes, got \(secret.count)")
        }
        self.id = id
        self.secret = Array(secret)
    }

    /// Creates a key from a base64url secret (unpadded), as kept in configuration.
    ///
    /// - Parameters:
    ///   - id: The key id.
    ///   - base64URLSecret: The secret, 32...1024 bytes as base64url without padding.
    /// - Throws: ``RememberedBrowserError/invalidKey``.
    public init(id: String, base64URLSecret: String) throws(RememberedBrowserError) {
        let bytes: [UInt8]
        do { bytes = try Base64URL.decode(base64URLSecret) } catch {
            throw .kind(.invalidKey, "the secret is not unpadded base64url")
        }
        try self.init(id: id, secret: bytes)
    }

    /// Generates a key of 32 bytes from the system CSPRNG.
    ///
    /// - Parameter id: The key id (default: 12 random alphanumerics).
    /// - Returns: A new key.
    /// - Throws: ``RememberedBrowserError/invalidKey`` when `id` is not valid.
    public static func generate(id: String? = nil) throws(RememberedBrowserError) -> RememberedBrowserKey {
        let chosen = id ?? String(SecureRandom.nonce().prefix(12))
        return try RememberedBrowserKey(id: chosen, secret: randomBytes(minimumSecretLength))
    }

    /// The secret as unpadded base64url, to store in a secret manager. Handle it as a secret.
    public var base64URLSecret: String { Base64URL.encode(secret) }

    static func validateID(_ id: String) throws(RememberedBrowserError) {
        guard (1...maximumIDLength).contains(id.utf8.count), id.utf8.allSatisfy(isIDByte) else {
            throw .kind(.invalidKey, "the key id must be 1 to \(maximumIDLength) characters of letters, digits, '-' and '_'")
        }
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): return true
        default: return false
        }
    }

    /// Bytes from the system CSPRNG (`SystemRandomNumberGenerator`).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// `RememberedBrowserKey(id: k1, secret: <redacted>)`.
    public var description: String { "RememberedBrowserKey(id: \(id), secret: <redacted>)" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// A mirror showing the id only.
    public var customMirror: Mirror { Mirror(self, children: ["id": id], displayStyle: .struct) }
}
