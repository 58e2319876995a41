/// A Duo Auth API integration key (ikey): exactly 20 visible ASCII characters, such as
/// `DIWJ8X6AEYOR5OMC6TQ1`. Public: it is sent in every signed request's Authorization header.
public struct IntegrationKey: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The required length.
    public static let length = 20

    /// The key text.
    public let rawValue: String

    /// Validates an integration key.
    ///
    /// - Parameter rawValue: The Integration key from the Duo Admin Panel.
    /// - Throws: ``DuoError/invalidIntegrationKey`` when it is not 20 visible ASCII characters.
    public init(_ rawValue: String) throws(DuoError) {
        self.rawValue = try validatedIdentifier(rawValue, length: Self.length, code: .invalidIntegrationKey, name: "the integration key")
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

    /// The key text.
    public var description: String { rawValue }
}
