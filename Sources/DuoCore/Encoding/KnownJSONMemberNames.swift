/// Member names that Duo's id_token and Universal Prompt answers use, kept as ready-made
/// strings so that `StrictJSONParser` returns the same constant `String` for them instead of
/// making a new one for every occurrence.
///
/// Making a `String` from UTF-8 (an ASCII check, a small-string or heap copy) was a quarter of
/// parsing a token's claims, most of it for member names that are the same in every token.
/// Looking a name up here compares its bytes with the few names of the same length; the string
/// returned is equal to the one `String(decoding:as:)` would make, so nothing downstream can
/// tell the difference (a name not listed is made as before).
struct KnownJSONMemberNames {
    /// Names grouped by UTF-8 length: `byLength[n]` holds the names of `n` bytes.
    private let byLength: [[(utf8: [UInt8], name: String)]]

    /// The id_token claims of Duo's Universal Prompt (duo-universal-protocol.md: registered
    /// claims, `auth_result`, `auth_context` and its nested objects) and the members of the
    /// OAuth and health-check answers.
    static let duo = KnownJSONMemberNames(names: duoNames)

    /// The names of ``duo``.
    static let duoNames: [String] = [
        // Registered and OIDC claims.
        "iss", "aud", "sub", "exp", "iat", "nbf", "jti", "nonce", "auth_time", "preferred_username",
        // auth_result.
        "auth_result", "result", "status", "status_msg",
        // auth_context and its objects.
        "auth_context", "txid", "timestamp", "isotimestamp", "event_type", "factor", "reason", "alias",
        "email", "ood_software", "trusted_endpoint_status", "user", "name", "key", "groups",
        "application", "auth_device", "access_device", "ip", "hostname", "host_name", "location",
        "city", "state", "country", "browser", "browser_version", "flash_version", "java_version",
        "os", "os_version", "epkey", "is_encryption_enabled", "is_firewall_enabled", "is_password_set",
        // Token and health-check answers.
        "stat", "response", "id_token", "access_token", "token_type", "expires_in", "code", "message",
        "message_detail",
    ]

    init(names: [String]) {
        var byLength: [[(utf8: [UInt8], name: String)]] = Array(repeating: [], count: (names.map(\.utf8.count).max() ?? 0) + 1)
        for name in names { byLength[name.utf8.count].append((Array(name.utf8), name)) }
        self.byLength = byLength
    }

    /// The listed name whose UTF-8 is `utf8`, or `nil`.
    func name(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        guard utf8.count < byLength.count else { return nil }
        for candidate in byLength[utf8.count] where candidate.utf8.withUnsafeBufferPointer({ Self.equal($0, utf8) }) {
            return candidate.name
        }
        return nil
    }

    private static func equal(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<lhs.count where lhs[index] != rhs[index] { return false }
        return true
    }
}
