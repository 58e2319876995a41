import DuoCore
public import Foundation

/// Why an `otpauth://` URI was refused. ``reason`` is the stable code of the `duo otp`
/// contract (`bad-scheme`, `bad-base32`, …); the message never repeats the URI, which holds
/// the secret.
public struct OTPAuthURIError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The rule a URI broke.
    public enum Reason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The scheme is not `otpauth` followed by `//`.
        case badScheme = "bad-scheme"
        /// The type is not `totp` or `hotp`.
        case badType = "bad-type"
        /// A malformed `%` escape or bytes that are not UTF-8.
        case badPercentEncoding = "bad-percent-encoding"
        /// `secret`, `issuer`, `algorithm`, `digits`, `period` or `counter` appears twice.
        case duplicateParameter = "duplicate-parameter"
        /// No `secret`, or one that is empty once spaces and padding are removed.
        case missingSecret = "missing-secret"
        /// The secret breaks the Base32 rules.
        case badBase32 = "bad-base32"
        /// `algorithm` is not SHA1, SHA256 or SHA512.
        case badAlgorithm = "bad-algorithm"
        /// `digits` is not a decimal 6, 7 or 8.
        case badDigits = "bad-digits"
        /// A totp `period` is not a decimal integer of at least 1.
        case badPeriod = "bad-period"
        /// A hotp `counter` is not a decimal integer up to 2^64−1.
        case badCounter = "bad-counter"
        /// The label's issuer prefix differs from the `issuer` parameter.
        case issuerMismatch = "issuer-mismatch"

        /// The contract's code, for example `bad-scheme`.
        public var description: String { rawValue }
    }

    /// The rule broken.
    public let reason: Reason
    /// Detail for people; names parameters, never their secret values.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        // The detail may quote a parameter name from the URI: bounded, no control characters.
        self.detail = ExternalText.sanitized(detail)
    }

    /// `invalid otpauth URI (<reason>): <detail>`.
    public var description: String { "invalid otpauth URI (\(reason.rawValue)): \(detail)" }

    /// What went wrong.
    public var errorDescription: String? { description }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch reason {
        case .badBase32, .missingSecret: return OTPErrorAdvice.secret
        case .issuerMismatch: return "Ask the issuer for a new QR code, or add the account by entering the secret manually."
        default: return "The QR code or link is damaged or not an authenticator enrollment; scan it again or ask the issuer for a new one."
        }
    }

    /// Errors of the same reason are equal.
    public static func == (lhs: OTPAuthURIError, rhs: OTPAuthURIError) -> Bool { lhs.reason == rhs.reason }
    /// Hashes the reason.
    public func hash(into hasher: inout Hasher) { hasher.combine(reason) }
}
