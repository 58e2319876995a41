public import Foundation

/// Why Base32 text is not a usable secret. The error never contains the text itself.
public enum Base32Error: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// Nothing is left once spaces and trailing `=` padding are removed.
    case empty
    /// A character that is not `A–Z`, `a–z` or `2–7` (or an `=` before the end); `position` is
    /// 1-based in the original text.
    case invalidCharacter(position: Int)
    /// The number of symbols leaves a remainder of 1, 3 or 6 modulo 8, which no byte string
    /// encodes to.
    case invalidLength(symbolCount: Int)

    /// A short description of the problem.
    public var description: String {
        switch self {
        case .empty:
            return "the Base32 secret is empty"
        case .invalidCharacter(let position):
            return "the Base32 secret has a character outside A-Z and 2-7 at position \(position)"
        case .invalidLength(let symbolCount):
            return "the Base32 secret has \(symbolCount) symbols, a length no key encodes to"
        }
    }

    /// What went wrong.
    public var errorDescription: String? { description }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch self {
        case .empty:
            return "Copy the whole secret from the enrollment page or QR code."
        case .invalidCharacter:
            return "Secrets use only the letters A-Z and the digits 2-7; 0, 1, 8 and 9 usually mean a hex or base32hex value was pasted by mistake."
        case .invalidLength:
            return "A character is probably missing or extra; copy the secret again."
        }
    }
}
