public import DuoCore
public import DuoTransport
public import DuoWebSDK
public import Foundation

/// Fixed, public test values shared by the fuzz targets (none is a real credential).
public enum FuzzFixtures {
    /// A 20-character client ID.
    public static let clientID = "DIFUZZ00000000000000"
    /// A 40-character client secret, also the HS512 key of the JWT targets.
    public static let clientSecret = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"
    /// The API host.
    public static let apiHost = "api-fuzz.duosecurity.com"
    /// The username the token exchange expects.
    public static let username = "alice"
    /// The nonce the token exchange expects.
    public static let nonce = "nonce-0123456789abcdef"
    /// The fixed time every clock answers (2025-06-15).
    public static let now: TimeInterval = 1_750_000_000
    /// The token endpoint, the id_token's expected `iss`.
    public static var tokenURL: String { "https://\(apiHost)/oauth/v1/token" }

    /// The HS512 signer keyed with ``clientSecret``.
    public static var signer: JWTSigner { JWTSigner(key: Array(clientSecret.utf8)) }

    /// A web client whose every request is answered by `transport`.
    ///
    /// - Parameters:
    ///   - transport: The in-process transport (set its response per input).
    ///   - useDuoCodeAttribute: `duo_code` (true) or `code` in the callback.
    /// - Returns: The client; `nil` only if the fixed configuration were refused, which the
    ///   targets treat as a broken harness.
    public static func webClient(transport: FixedResponseTransport, useDuoCodeAttribute: Bool = true) -> DuoWebClient? {
        guard let configuration = try? DuoWebConfiguration(
            clientID: clientID, clientSecret: clientSecret, apiHost: apiHost,
            redirectURI: "https://app.example.com/duo-callback", useDuoCodeAttribute: useDuoCodeAttribute,
            clock: FixedWallClock(secondsSince1970: now)) else { return nil }
        return try? DuoWebClient(configuration: configuration, transport: transport)
    }

    /// Valid id_token claims for ``username`` and ``nonce`` at ``now`` (an allow).
    public static var validIDTokenClaimsJSON: String {
        let now = Int64(now)
        return #"{"aud":"\#(clientID)","auth_result":{"result":"allow","status":"allow","status_msg":"Login Successful"},"# +
            #""auth_time":\#(now),"exp":\#(now + 300),"iat":\#(now),"iss":"\#(tokenURL)","nonce":"\#(nonce)","# +
            #""preferred_username":"\#(username)","sub":"\#(username)"}"#
    }
}
