/// Why a submitted one-time code was not accepted.
public enum OTPRejection: Sendable, Hashable, CustomStringConvertible {
    /// The code is not exactly the expected number of ASCII digits (checked before comparing).
    case malformedCode
    /// No candidate step or counter gave this code.
    case noMatch
    /// The code matched `step`, but a code for that step or a later one was already accepted
    /// (RFC 6238 §5.2: a code may be used once).
    case replayed(step: UInt64)

    /// A short description; never contains the code.
    public var description: String {
        switch self {
        case .malformedCode: return "the code is not the expected number of digits"
        case .noMatch: return "the code does not match"
        case .replayed(let step): return "the code for step \(step) was already used"
        }
    }
}
