/// The `aud` claim: one audience or several (RFC 7519 §4.1.3).
public enum Audience: Sendable, Hashable, Codable, ExpressibleByStringLiteral {
    /// A single audience string.
    case one(String)
    /// An array of audiences.
    case many([String])

    /// Creates a single audience from a string literal.
    public init(stringLiteral value: String) { self = .one(value) }

    /// Decodes an `aud` claim: a single string or an array of strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let single = try? container.decode(String.self) {
            self = .one(single)
        } else {
            self = .many(try container.decode([String].self))
        }
    }

    /// Encodes a single audience as a string and several as an array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .one(let value): try container.encode(value)
        case .many(let values): try container.encode(values)
        }
    }

    /// Every audience named.
    public var values: [String] {
        switch self {
        case .one(let value): return [value]
        case .many(let values): return values
        }
    }

    /// Whether `audience` is among the values (exact comparison).
    ///
    /// - Parameter audience: The expected audience, such as the client ID.
    /// - Returns: `true` when it is named.
    public func contains(_ audience: String) -> Bool {
        // Without going through `values`, which builds an array for a single audience.
        switch self {
        case .one(let value): return value == audience
        case .many(let values): return values.contains(audience)
        }
    }
}
