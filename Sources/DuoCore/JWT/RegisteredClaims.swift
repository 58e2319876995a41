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
    public func decodeNumericDateIfPresent(forKey key: Key) throws -> Int64? {
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
    /// Reads the registered claims from an already-parsed object, for the fast verification
    /// path. Returns `nil` for anything but the plain shapes (strings, integer NumericDates, a
    /// string or string-array `aud`); the caller then decodes with `JSONDecoder` as before,
    /// so unusual tokens get exactly the old treatment and errors.
    init?(strictObject object: [String: JSONValue]) {
        func string(_ key: String) -> String?? {
            switch object[key] {
            case nil: return .some(nil)
            case .string(let value)?: return .some(value)
            default: return nil
            }
        }
        func date(_ key: String) -> Int64?? {
            switch object[key] {
            case nil: return .some(nil)
            case .integer(let value)?: return .some(value)
            default: return nil
            }
        }
        guard let issuer = string("iss"), let subject = string("sub"), let id = string("jti"),
              let expiresAt = date("exp"), let notBefore = date("nbf"), let issuedAt = date("iat") else { return nil }
        let audience: Audience?
        switch object["aud"] {
        case nil: audience = nil
        case .string(let value)?: audience = .one(value)
        case .array(let values)?:
            var strings: [String] = []
            for value in values {
                guard case .string(let text) = value else { return nil }
                strings.append(text)
            }
            audience = .many(strings)
        default: return nil
        }
        self.init(issuer: issuer, subject: subject, audience: audience, expiresAt: expiresAt,
                  notBefore: notBefore, issuedAt: issuedAt, id: id)
    }
}
