import Foundation

/// The shared key of an HOTP/TOTP account: the decoded bytes, never shown.
///
/// `description`, `debugDescription`, `dump` and `Mirror` give only the length, so a secret
/// logged by mistake does not leak. Any non-empty length is accepted, because real accounts
/// use 80-bit keys that some libraries refuse; ``isWeak`` flags keys under the 128 bits that
/// RFC 4226 asks for.
public struct OTPSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key bytes. Handle them like a password.
    public let bytes: [UInt8]

    /// Wraps key bytes.
    ///
    /// - Parameter bytes: The key; at least one byte.
    /// - Throws: ``OTPError/emptySecret`` for no bytes.
    public init(bytes: [UInt8]) throws(OTPError) {
        guard !bytes.isEmpty else { throw OTPError.emptySecret }
        self.bytes = bytes
    }

    /// Wraps bytes already known to be non-empty (Base32 never decodes to nothing).
    init(validatedBytes: [UInt8]) { bytes = validatedBytes }

    /// Decodes a Base32 secret as printed under a QR code or carried in an `otpauth://` URI.
    ///
    /// - Parameter base32: The text, following the rules of ``Base32/decode(_:)``.
    /// - Throws: ``OTPError/invalidBase32(_:)``.
    public init(base32: some StringProtocol) throws(OTPError) {
        do throws(Base32Error) { bytes = try Base32.decode(base32) } catch { throw OTPError.invalidBase32(error) }
    }

    /// Generates a new random secret from the system CSPRNG.
    ///
    /// - Parameter byteCount: The key length; the default, 20 bytes, is what RFC 4226
    ///   recommends for SHA-1 (use ``OTPAlgorithm/recommendedSecretByteCount`` for others).
    /// - Throws: ``OTPError/emptySecret`` when `byteCount` is less than 1.
    public static func random(byteCount: Int = 20) throws(OTPError) -> OTPSecret {
        guard byteCount >= 1 else { throw OTPError.emptySecret }
        var generator = SystemRandomNumberGenerator()
        return try OTPSecret(bytes: (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The canonical Base32 form: upper case, unpadded.
    public var base32: String { Base32.encode(bytes) }

    /// The key length in bytes.
    public var byteCount: Int { bytes.count }

    /// `true` for keys shorter than 16 bytes (128 bits), the minimum RFC 4226 requires.
    /// Such keys are still accepted: many issuers hand out 80-bit secrets.
    public var isWeak: Bool { bytes.count < 16 }

    /// `OTPSecret(<redacted>, N bytes)`.
    public var description: String { "OTPSecret(<redacted>, \(bytes.count) bytes)" }

    /// Same as ``description``: the bytes are never shown.
    public var debugDescription: String { description }

    /// A mirror that shows only the length.
    public var customMirror: Mirror { Mirror(self, children: ["byteCount": bytes.count]) }

    /// Compares keys in constant time.
    public static func == (lhs: OTPSecret, rhs: OTPSecret) -> Bool {
        guard lhs.bytes.count == rhs.bytes.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs.bytes, rhs.bytes) { difference |= left ^ right }
        return difference == 0
    }

    /// Hashes the length only, so a hash value is no oracle for the key.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes.count) }
}
