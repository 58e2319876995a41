import DuoCore
public import Foundation

/// The error of remembered-browser set-up and issuing (``RememberedBrowserStore``).
///
/// Verifying never throws: it answers a ``RememberedBrowserVerdict``. Compare with `==` against
/// the static values; two errors are equal when their kinds are. No text contains a key or token.
public struct RememberedBrowserError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    private enum Code: String, Hashable, Sendable {
        case invalidKey, keyIDReused, invalidPolicy, invalidArgument, rememberingDisabled, notAllowed
    }

    private let code: Code
    /// Detail for people and logs (which value and why). Never contains a key or a token.
    public let reason: String?

    private init(_ code: Code, reason: String? = nil) {
        self.code = code
        self.reason = ExternalText.sanitized(reason)
    }

    /// Two errors are equal when their kinds (codes) are, whatever their detail.
    public static func == (lhs: RememberedBrowserError, rhs: RememberedBrowserError) -> Bool { lhs.code == rhs.code }
    /// Hashes the kind (code) only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The signing key or its id is not valid (too short, too long, bad characters).
    public static let invalidKey = RememberedBrowserError(.invalidKey)
    /// A rotation reused the id of the current or a retired key.
    public static let keyIDReused = RememberedBrowserError(.keyIDReused)
    /// The policy's lifetime or clock skew is out of range.
    public static let invalidPolicy = RememberedBrowserError(.invalidPolicy)
    /// A username or provider name is empty or too long.
    public static let invalidArgument = RememberedBrowserError(.invalidArgument)
    /// The policy forbids remembering browsers, so no token is issued.
    public static let rememberingDisabled = RememberedBrowserError(.rememberingDisabled)
    /// The Duo result was not an allow, so the browser must not be remembered.
    public static let notAllowed = RememberedBrowserError(.notAllowed)

    static func kind(_ base: RememberedBrowserError, _ reason: String?) -> RememberedBrowserError {
        RememberedBrowserError(base.code, reason: reason)
    }

    /// A stable, machine-friendly name of the kind (safe as a metrics label).
    public var kindName: String { code.rawValue }

    /// One line: kind, summary and detail.
    public var description: String { "RememberedBrowserError.\(code.rawValue): \(errorDescription ?? summary)" }

    /// What happened.
    public var errorDescription: String? {
        guard let reason else { return summary }
        return summary + " (" + reason + ")"
    }

    private var summary: String {
        switch code {
        case .invalidKey: return "The remembered-browser signing key is not valid."
        case .keyIDReused: return "The new remembered-browser key reuses an old key id."
        case .invalidPolicy: return "The remembered-browser policy is not valid."
        case .invalidArgument: return "A value passed to the remembered-browser store is not valid."
        case .rememberingDisabled: return "Remembering browsers is turned off by policy."
        case .notAllowed: return "Duo did not allow this login, so the browser cannot be remembered."
        }
    }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch code {
        case .invalidKey:
            return "Generate a key of at least 32 random bytes (RememberedBrowserKey.generate()) and give it an id of 1 to 32 letters, digits, '-' or '_'."
        case .keyIDReused:
            return "Give every new key a new id; reusing an id would make tokens of the old key look current."
        case .invalidPolicy:
            return "Choose a lifetime from 1 minute to 400 days and a clock skew from 0 to 300 seconds."
        case .invalidArgument:
            return "This is a programming mistake in the application (for example an empty username); contact the application's developers."
        case .rememberingDisabled:
            return "Do not offer \"Remember this browser\" while the policy forbids it; the user will be asked for Duo at every login."
        case .notAllowed:
            return "Offer \"Remember this browser\" only after Duo answered allow."
        }
    }
}
