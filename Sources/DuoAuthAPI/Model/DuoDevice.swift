import DuoCore

/// A device a user can authenticate with, from `/auth/v2/preauth`.
public struct DuoDevice: Sendable, Hashable {
    /// The device ID (`DP...`), or `auto`; pass it as the device of a push, phone or SMS.
    public let id: String
    /// Phone or token.
    public let type: DuoDeviceType
    /// What it can do.
    public let capabilities: [DuoDeviceCapability]
    /// The device's name, when it has one.
    public let name: String?
    /// The name to show the user, such as `iOS (XXX-XXX-4788)`.
    public let displayName: String?
    /// The masked phone number.
    public let number: String?
    /// The next SMS passcode number, when present.
    public let smsNextCode: String?

    /// Creates a device.
    public init(id: String, type: DuoDeviceType, capabilities: [DuoDeviceCapability], name: String? = nil,
                displayName: String? = nil, number: String? = nil, smsNextCode: String? = nil) {
        self.id = id
        self.type = type
        self.capabilities = capabilities
        self.name = name
        self.displayName = displayName
        self.number = number
        self.smsNextCode = smsNextCode
    }

    /// Whether the device can receive a push.
    public var canPush: Bool { capabilities.contains(.push) }

    init(_ value: JSONValue) throws(DuoAuthError) {
        guard let object = value.objectValue else { throw .malformedResponse("preauth: a device is not an object") }
        let fields = ResponseFields(object: object, endpoint: "preauth")
        id = try fields.string("device")
        type = DuoDeviceType(rawValue: fields.optionalString("type") ?? "")
        if case .array(let values)? = object["capabilities"] {
            capabilities = values.compactMap(\.stringValue).map(DuoDeviceCapability.init(rawValue:))
        } else {
            capabilities = []
        }
        name = fields.optionalString("name")
        displayName = fields.optionalString("display_name")
        number = fields.optionalString("number")
        smsNextCode = fields.optionalString("sms_nextcode")
    }
}
