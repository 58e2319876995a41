/// The registered claims of RFC 7519 §4.1 that Duo's tokens carry.
///
/// NumericDate claims (`exp`, `nbf`, `iat`) are whole seconds since the Unix epoch. They are
/// encoded as JSON integers. Decoding accepts integers and, leniently, fractional numbers (Duo's
/// Python SDK signs `exp` as a float), truncated toward zero; any other type (a string, for
/// example) is refused as ``DuoError/malformedClaims``.
public struct RegisteredClaims: Sendable, Hashable, Codable {
    /// `iss`: who issued the token.
    public var issuer: String?
    /// `sub`: whom the token is about.
    public var subject: String?
    /// `aud`: whom the token is for.
    public var audience: Audience?
    /// `exp`: expiry, seconds since the epoch.
    public var expiresAt: Int64?
    /// `nbf`: not valid before, seconds since the epoch.
    public var notBefore: Int64?
    /// `iat`: issued at, seconds since the epoch.
    public var issuedAt: Int64?
    /// `jti`: a unique token identifier.
    public var id: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issuer = "iss", subject = "sub", audience = "aud", expiresAt = "exp"
        case notBefore = "nbf", issuedAt = "iat", id = "jti"
    }

    /// Creates a set of registered claims.
    public init(
        issuer: String? = nil, subject: String? = nil, audience: Audience? = nil,
        expiresAt: Int64? = nil, notBefore: Int64? = nil, issuedAt: Int64? = nil, id: String? = nil
    ) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.id = id
    }

    /// Decodes the registered claims (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`) of a JWT payload.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        subject = try container.decodeIfPresent(String.self, forKey: .subject)
        audience = try container.decodeIfPresent(Audience.self, forKey: .audience)
        expiresAt = try container.decodeNumericDateIfPresent(forKey: .expiresAt)
        notBefore = try container.decodeNumericDateIfPresent(forKey: .notBefore)
        issuedAt = try container.decodeNumericDateIfPresent(forKey: .issuedAt)
        id = try container.decodeIfPresent(String.self, forKey: .id)
    }

    /// Encodes the registered claims that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(issuer, forKey: .issuer)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encodeIfPresent(audience, forKey: .audience)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(notBefore, forKey: .notBefore)
        try container.encodeIfPresent(issuedAt, forKey: .issuedAt)
        try container.encodeIfPresent(id, forKey: .id)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a NumericDate: an integer, or a fractional number truncated toward zero.
    package func decodeNumericDateIfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let whole = try? decode(Int64.self, forKey: key) { return whole }
        let value = try decode(Double.self, forKey: key)
        guard value.isFinite, abs(value) < 9.2e18 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "NumericDate out of range")
        }
        return Int64(value.rounded(.towardZero))
    }
}

extension RegisteredClaims {
    /// Reads the registered claims from a payload ``JSONReader`` read, with the rules of the
    /// `Decodable` initialiser: strings, NumericDates as integers or (truncated) fractions, `aud`
    /// as a string or an array of strings; `null` counts as absent.
    ///
    /// - Throws: ``DuoError/malformedClaims`` naming the claim of the wrong type (never its value).
    init(claims object: [String: JSONValue]) throws(DuoError) {
        func wrongType(_ name: String, _ expected: String) -> DuoError {
            DuoError(.malformedClaims, reason: "claim '\(name)' has the wrong type (expected \(expected))")
        }
        func string(_ name: String) throws(DuoError) -> String? {
            switch object[name] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw wrongType(name, "String")
            }
        }
        func date(_ name: String) throws(DuoError) -> Int64? {
            switch object[name] {
            case nil, .null?: return nil
            case .integer(let value)?: return value
            case .double(let value)?:
                guard value.isFinite, abs(value) < 9.2e18 else {
                    throw DuoError(.malformedClaims, reason: "claim '\(name)' is not valid (NumericDate out of range)")
                }
                return Int64(value.rounded(.towardZero))
            default: throw wrongType(name, "Int64")
            }
        }
        let audience: Audience?
        switch object["aud"] {
        case nil, .null?: audience = nil
        case .string(let value)?: audience = .one(value)
        case .array(let values)?:
            var strings: [String] = []
            for value in values {
                guard case .string(let text) = value else { throw wrongType("aud", "String or [String]") }
                strings.append(text)
            }
            audience = .many(strings)
        default: throw wrongType("aud", "String or [String]")
        }
        self.init(issuer: try string("iss"), subject: try string("sub"), audience: audience,
                  expiresAt: try date("exp"), notBefore: try date("nbf"), issuedAt: try date("iat"), id: try string("jti"))
    }
}
