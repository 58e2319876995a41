/// A Duo Universal Prompt (Web SDK) client ID: exactly 20 visible ASCII characters, such as
/// `DIXXXXXXXXXXXXXXXXXX`.
///
/// The client ID is public (it appears in every authorization URL), so it prints normally.
public struct ClientID: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The required length, the same in every Duo SDK.
    public static let length = 20

    /// The identifier text.
    public let rawValue: String

    /// Validates a client ID.
    ///
    /// - Parameter rawValue: The Client ID from the Duo Admin Panel.
    /// - Throws: ``DuoError/invalidClientID`` when it is not 20 visible ASCII characters.
    public init(_ rawValue: String) throws(DuoError) {
        self.rawValue = try validatedIdentifier(rawValue, length: Self.length, code: .invalidClientID, name: "the client ID")
    }

    /// Decodes the value from a single string, validating it as the string initializer does.
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the value as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The identifier text.
    public var description: String { rawValue }
}
