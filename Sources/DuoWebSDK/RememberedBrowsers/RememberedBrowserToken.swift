public import Foundation

/// A remembered-browser token just issued: put ``value`` in a cookie (`Secure`, `HttpOnly`,
/// `SameSite=Lax`, `Max-Age` = ``maxAge``). The value is a bearer credential and is redacted from
/// ``description``.
///
/// ## Format
///
/// `rb1.<key id>.<payload>.<mac>`, at most ``maximumLength`` bytes, where `<payload>` is the
/// unpadded base64url of 64 bytes (issue time and expiry as big-endian 64-bit Unix seconds, 16
/// random bytes, then 16-byte keyed tags of the username and of the provider name) and `<mac>` the
/// unpadded base64url of HMAC-SHA256 over `rb1.<key id>.<payload>` with the key's secret. The tags
/// are HMACs too, so the token does not reveal the username.
public struct RememberedBrowserToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The longest token accepted by verification, in bytes; longer input is refused unread.
    public static let maximumLength = 256
    /// The version prefix.
    static let prefix = "rb1"
    /// Payload: issued (8) + expires (8) + random (16) + user tag (16) + provider tag (16).
    static let payloadLength = 64
    static let tagLength = 16
    static let macLength = 32

    /// The opaque token, for the cookie.
    public let value: String
    /// The id of the key that signed it.
    public let keyID: String
    /// When it was issued.
    public let issuedAt: Date
    /// When it expires.
    public let expiresAt: Date

    /// The cookie's `Max-Age`, in seconds.
    public var maxAge: Int { Int(expiresAt.timeIntervalSince(issuedAt)) }

    /// `RememberedBrowserToken(key: k1, expires: ..., value: <redacted>)`.
    public var description: String {
        "RememberedBrowserToken(key: \(keyID), issued: \(Int64(issuedAt.timeIntervalSince1970)), expires: \(Int64(expiresAt.timeIntervalSince1970)), value: <redacted>)"
    }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the token's value.
    public var customMirror: Mirror {
        Mirror(self, children: ["keyID": keyID, "issuedAt": issuedAt, "expiresAt": expiresAt], displayStyle: .struct)
    }
}
