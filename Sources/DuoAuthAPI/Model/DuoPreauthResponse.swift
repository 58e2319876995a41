public import DuoCore

/// The answer of `/auth/v2/preauth`: whether the user needs a second factor, and with what.
public struct DuoPreauthResponse: Sendable, Hashable {
    /// `auth` (pick a device), `allow` (let in), `deny` (refuse) or `enroll`.
    public let result: DuoPreauthResult
    /// A message to show the user, such as `Account is active`.
    public let statusMessage: String
    /// The user's devices (with `auth`).
    public let devices: [DuoDevice]
    /// The enrollment portal (with `enroll`).
    public let enrollPortalURL: String?
    /// The Verified Push transaction id, to pass on to `/auth`.
    public let txid: String?
    /// Duo's whole `response` object, including fields this SDK does not model.
    public let raw: [String: JSONValue]

    init(_ response: [String: JSONValue]) throws(DuoAuthError) {
        let fields = ResponseFields(object: response, endpoint: "preauth")
        result = DuoPreauthResult(rawValue: try fields.string("result"))
        statusMessage = fields.optionalString("status_msg") ?? ""
        var devices: [DuoDevice] = []
        if case .array(let values)? = response["devices"] {
            for value in values { devices.append(try DuoDevice(value)) }
        }
        self.devices = devices
        enrollPortalURL = fields.optionalString("enroll_portal_url")
        txid = fields.optionalString("txid")
        raw = response
    }
}
