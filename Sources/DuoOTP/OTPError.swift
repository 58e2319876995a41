public import Foundation

/// Why a one-time-password generator or verifier could not be built or used. No case carries
/// a secret or a code.
public enum OTPError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The key has no bytes.
    case emptySecret
    /// The Base32 text of the key is not valid.
    case invalidBase32(Base32Error)
    /// The code length is not 6, 7 or 8.
    case invalidDigits(Int)
    /// The TOTP period is 0 seconds.
    case invalidPeriod
    /// The time is before the Unix epoch (TOTP codes are undefined there) or not finite.
    case timeBeforeEpoch
    /// The verification window is outside the supported range.
    case invalidWindow(Int, maximum: Int)
    /// The HOTP look-ahead is outside the supported range.
    case invalidLookAhead(Int, maximum: Int)

    /// A short description of the problem.
    public var description: String {
        switch self {
        case .emptySecret: return "the OTP secret is empty"
        case .invalidBase32(let error): return error.description
        case .invalidDigits(let digits): return "a code must have 6, 7 or 8 digits, not \(digits)"
        case .invalidPeriod: return "the TOTP period must be at least 1 second"
        case .timeBeforeEpoch: return "TOTP codes are undefined before 1970-01-01T00:00:00Z"
        case .invalidWindow(let window, let maximum): return "the TOTP window must be between 0 and \(maximum) steps, not \(window)"
        case .invalidLookAhead(let lookAhead, let maximum): return "the HOTP look-ahead must be between 0 and \(maximum) counters, not \(lookAhead)"
        }
    }

    /// What went wrong.
    public var errorDescription: String? { description }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch self {
        case .emptySecret, .invalidBase32: return OTPErrorAdvice.secret
        case .invalidDigits: return "Use the digit count the token or app displays (almost always 6)."
        case .invalidPeriod: return "Use the period from the enrollment URI; 30 seconds is the default."
        case .timeBeforeEpoch: return "Check the system clock of the server."
        case .invalidWindow: return "A window of 1 step (30 seconds either way) covers normal clock drift; fix clocks rather than widening it."
        case .invalidLookAhead: return "Ask the user for two consecutive codes and resynchronise with a dedicated search instead of a very large look-ahead."
        }
    }
}

enum OTPErrorAdvice {
    static let secret = "Copy the secret again from the enrollment page or QR code; it uses only the letters A-Z and the digits 2-7."
}
