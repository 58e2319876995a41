#if Emulator
public import DuoTesting

/// Parses the emulator's `--user` and `--fault` flags into `FakeDuo` scripts.
public enum FakeDuoScript {
    /// Parses `name=outcome`, outcome one of `allow`, `deny`, `timeout`, `fraud`, `error`.
    public static func user(_ text: String) -> FakeDuoUser? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let outcome: FakeDuoOutcome
        switch parts[1] {
        case "allow": outcome = .allow
        case "deny": outcome = .deny
        case "timeout": outcome = .timeout
        case "fraud": outcome = .fraud
        case "error": outcome = .errorRedirect(error: "access_denied", description: "The emulator was told to refuse this user.")
        default: return nil
        }
        return FakeDuoUser(username: parts[0], outcome: outcome)
    }

    /// The fault names `--fault` accepts.
    public static let faultNames = [
        "bad-signature", "expired", "not-yet-valid", "issued-in-future", "wrong-issuer", "wrong-audience", "wrong-nonce",
        "missing-nonce", "wrong-username", "missing-expiry", "missing-issued-at", "missing-preferred-username",
        "algorithm-none", "algorithm-hs256", "missing-id-token", "malformed-json", "truncated-body", "status-NNN", "rate-limited",
    ]

    /// Parses `path=fault`, for example `/oauth/v1/token=expired` or `/oauth/v1/health_check=status-500`.
    public static func fault(_ text: String) -> (path: String, fault: FakeDuoFault)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].hasPrefix("/") else { return nil }
        let fault: FakeDuoFault
        switch parts[1] {
        case "bad-signature": fault = .badSignature
        case "expired": fault = .expired
        case "not-yet-valid": fault = .notYetValid
        case "issued-in-future": fault = .issuedInFuture
        case "wrong-issuer": fault = .wrongIssuer
        case "wrong-audience": fault = .wrongAudience
        case "wrong-nonce": fault = .wrongNonce
        case "missing-nonce": fault = .missingNonce
        case "wrong-username": fault = .wrongUsername
        case "missing-expiry": fault = .missingExpiry
        case "missing-issued-at": fault = .missingIssuedAt
        case "missing-preferred-username": fault = .missingPreferredUsername
        case "algorithm-none": fault = .algorithmNone
        case "algorithm-hs256": fault = .algorithmHS256
        case "missing-id-token": fault = .missingIDToken
        case "malformed-json": fault = .malformedJSON
        case "truncated-body": fault = .truncatedBody
        case "rate-limited": fault = .rateLimited(retryAfter: 1, times: 1)
        case let name where name.hasPrefix("status-"):
            guard let status = Int(name.dropFirst("status-".count)), (100...599).contains(status) else { return nil }
            fault = .httpStatus(status)
        default: return nil
        }
        return (parts[0], fault)
    }
}
#endif
