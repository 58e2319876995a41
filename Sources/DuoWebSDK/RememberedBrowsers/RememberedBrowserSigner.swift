import DuoCore
import Foundation

/// Signs and checks remembered-browser tokens with one key (the format is documented on
/// ``RememberedBrowserToken``). The store decides which key is current and what the policy says.
struct RememberedBrowserSigner: Sendable {
    let keyID: String
    private let authenticator: MessageAuthenticator

    init(key: RememberedBrowserKey) {
        keyID = key.id
        authenticator = MessageAuthenticator(.sha256, key: key.secret)
    }

    /// The fields of a token whose format and signature were checked.
    struct Payload {
        let issuedAt: Int64
        let expiresAt: Int64
        let userTag: [UInt8]
        let providerTag: [UInt8]
    }

    /// A keyed tag of a username or provider name; the domain label keeps the two, and the MAC of
    /// the whole token, apart.
    func tag(_ domain: String, _ value: String) -> [UInt8] {
        Array(authenticator.authenticationCode(for: Array("rb1 \(domain)\u{0}\(value)".utf8)).prefix(RememberedBrowserToken.tagLength))
    }

    func sign(issuedAt: Int64, expiresAt: Int64, user: String, provider: String) -> String {
        var payload: [UInt8] = []
        payload.reserveCapacity(RememberedBrowserToken.payloadLength)
        append(issuedAt, to: &payload)
        append(expiresAt, to: &payload)
        payload += RememberedBrowserKey.randomBytes(16)
        payload += tag("user", user)
        payload += tag("provider", provider)
        let signingInput = RememberedBrowserToken.prefix + "." + keyID + "." + Base64URL.encode(payload)
        return signingInput + "." + Base64URL.encode(authenticator.authenticationCode(for: Array(signingInput.utf8)))
    }

    /// The parts of a token in the exact format, before any key is chosen.
    struct Parsed {
        let keyID: String
        let signingInput: Substring.UTF8View
        let payload: [UInt8]
        let mac: [UInt8]
    }

    /// Parses strictly: size cap, exactly four parts, the prefix, a valid key id, canonical
    /// base64url of exactly 64 and 32 bytes. Anything else is `nil` (malformed).
    static func parse(_ token: String) -> Parsed? {
        let utf8 = token.utf8
        guard !utf8.isEmpty, utf8.count <= RememberedBrowserToken.maximumLength else { return nil }
        let parts = token.split(separator: ".", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == RememberedBrowserToken.prefix else { return nil }
        let keyID = parts[1]
        guard (1...RememberedBrowserKey.maximumIDLength).contains(keyID.utf8.count), keyID.utf8.allSatisfy(RememberedBrowserKey.isIDByte) else { return nil }
        guard let payload = try? Base64URL.decode(parts[2]), payload.count == RememberedBrowserToken.payloadLength,
              let mac = try? Base64URL.decode(parts[3]), mac.count == RememberedBrowserToken.macLength else { return nil }
        let end = parts[2].endIndex
        return Parsed(keyID: String(keyID), signingInput: token[token.startIndex..<end].utf8, payload: payload, mac: mac)
    }

    /// Checks the MAC in constant time; returns the payload fields when it matches.
    func verify(_ parsed: Parsed) -> Payload? {
        guard parsed.keyID == keyID, authenticator.isValid(parsed.mac, for: Array(parsed.signingInput)) else { return nil }
        let bytes = parsed.payload
        return Payload(issuedAt: Self.int64(bytes[0..<8]), expiresAt: Self.int64(bytes[8..<16]),
                       userTag: Array(bytes[32..<48]), providerTag: Array(bytes[48..<64]))
    }

    private func append(_ value: Int64, to bytes: inout [UInt8]) {
        let bits = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    private static func int64(_ bytes: ArraySlice<UInt8>) -> Int64 {
        Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}
