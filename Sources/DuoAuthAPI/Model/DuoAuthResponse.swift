public import DuoCore

/// An authentication's state, from `/auth/v2/auth` (synchronous) or `/auth/v2/auth_status`:
/// `waiting` with progress (`pushed`, ...), then `allow` or `deny` with the reason.
public struct DuoAuthResponse: Sendable, Hashable {
    /// `waiting`, `allow` or `deny`.
    public let result: DuoAuthResult
    /// Progress or final reason.
    public let status: DuoAuthStatus
    /// A message to show the user, such as `Pushed a login request to your device...`.
    public let statusMessage: String
    /// A token for remembered devices, with some allows.
    public let trustedDeviceToken: String?
    /// Whether Duo reported the authentication as delayed.
    public let authDelayed: Bool?
    /// The transaction, for asynchronous authentications.
    public let txid: String?
    /// Duo's whole `response` object.
    public let raw: [String: JSONValue]

    /// Whether the user may log in.
    public var isAllowed: Bool { result == .allow }
    /// Whether this is a final answer (not `waiting`).
    public var isFinal: Bool { result != .waiting }

    init(_ response: [String: JSONValue], txid: String?, endpoint: String) throws(DuoAuthError) {
        let fields = ResponseFields(object: response, endpoint: endpoint)
        result = DuoAuthResult(rawValue: try fields.string("result"))
        status = DuoAuthStatus(rawValue: fields.optionalString("status") ?? "")
        statusMessage = fields.optionalString("status_msg") ?? ""
        trustedDeviceToken = fields.optionalString("trusted_device_token")
        authDelayed = fields.bool("auth_delayed")
        self.txid = txid
        raw = response
    }
}
