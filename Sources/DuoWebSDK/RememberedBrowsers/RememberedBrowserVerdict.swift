public import Foundation

/// The answer of ``RememberedBrowserStore/verify(token:username:provider:)``: skip Duo, or why not.
public enum RememberedBrowserVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The token is genuine, current and bound to this user and provider: Duo may be skipped.
    case skipDuo(RememberedBrowser)
    /// Duo must be used for this login; the reason is for logs and metrics, not for the user.
    case duoRequired(RememberedBrowserRefusal)

    /// Whether Duo may be skipped.
    public var skipsDuo: Bool {
        if case .skipDuo = self { return true }
        return false
    }

    /// The refusal reason, when Duo is required.
    public var refusal: RememberedBrowserRefusal? {
        if case .duoRequired(let reason) = self { return reason }
        return nil
    }

    /// `skip Duo (key k1, expires ...)` or `Duo required: expired`.
    public var description: String {
        switch self {
        case .skipDuo(let browser): return "skip Duo (\(browser))"
        case .duoRequired(let reason): return "Duo required: \(reason.rawValue)"
        }
    }
}

/// What a verified remembered-browser token says.
public struct RememberedBrowser: Sendable, Hashable, CustomStringConvertible {
    /// The id of the key that signed it (the current key).
    public let keyID: String
    /// When Duo last allowed this user in this browser.
    public let issuedAt: Date
    /// When the token stops being accepted (under the current policy).
    public let expiresAt: Date

    /// `key k1, issued ..., expires ...`.
    public var description: String {
        "key \(keyID), issued \(Int64(issuedAt.timeIntervalSince1970)), expires \(Int64(expiresAt.timeIntervalSince1970))"
    }
}

/// Why a remembered-browser token does not let the user skip Duo. In every case: send the user
/// to Duo, and clear the cookie.
public enum RememberedBrowserRefusal: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The policy forbids remembering browsers (`allowRememberBrowser: false`).
    case policyForbids
    /// The token is not in the exact format (size, parts, encoding, lengths).
    case malformed
    /// The token was signed with a key that has since been rotated out.
    case keyRotated
    /// The signature does not match (tampered, forged, or signed with an unknown key).
    case badSignature
    /// The token's lifetime (or the policy's, if shorter) has passed.
    case expired
    /// The token claims to be issued in the future, beyond the policy's clock skew.
    case notYetValid
    /// The token was issued to another user.
    case wrongUser
    /// The token was issued for another Duo provider.
    case wrongProvider

    /// What it means, for logs.
    public var description: String {
        switch self {
        case .policyForbids: return "remembering browsers is turned off by policy"
        case .malformed: return "the remembered-browser token is malformed"
        case .keyRotated: return "the remembered-browser token was signed with a retired key"
        case .badSignature: return "the remembered-browser token's signature is not valid"
        case .expired: return "the remembered-browser token has expired"
        case .notYetValid: return "the remembered-browser token is issued in the future (check the servers' clocks)"
        case .wrongUser: return "the remembered-browser token belongs to another user"
        case .wrongProvider: return "the remembered-browser token belongs to another Duo provider"
        }
    }
}
