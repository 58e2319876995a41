import DuoCore

/// The HMAC hash of a one-time password: SHA-1 (the default everywhere), SHA-256 or SHA-512.
public enum OTPAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// HMAC-SHA-1, the RFC 4226 algorithm and what nearly every issuer uses.
    case sha1 = "SHA1"
    /// HMAC-SHA-256.
    case sha256 = "SHA256"
    /// HMAC-SHA-512.
    case sha512 = "SHA512"

    /// Reads an algorithm name case-insensitively: `SHA1`, `sha256`, `Sha512`.
    ///
    /// Other spellings (`SHA-256`, `MD5`, `SHA3-256`) give `nil`.
    ///
    /// - Parameter name: The name from a URI or a command line.
    public init?(name: some StringProtocol) {
        switch name.uppercased() {
        case "SHA1": self = .sha1
        case "SHA256": self = .sha256
        case "SHA512": self = .sha512
        default: return nil
        }
    }

    /// The name used in `otpauth://` URIs: `SHA1`, `SHA256` or `SHA512`.
    public var description: String { rawValue }

    /// The HMAC output length in bytes (20, 32 or 64).
    public var macByteCount: Int {
        switch self {
        case .sha1: return 20
        case .sha256: return 32
        case .sha512: return 64
        }
    }

    /// The length of a freshly generated secret: the MAC length, as RFC 4226 and RFC 6238
    /// recommend (20, 32 or 64 bytes).
    public var recommendedSecretByteCount: Int { macByteCount }

    /// The hash under the HMAC.
    var hashAlgorithm: HashAlgorithm {
        switch self {
        case .sha1: return .sha1
        case .sha256: return .sha256
        case .sha512: return .sha512
        }
    }
}
