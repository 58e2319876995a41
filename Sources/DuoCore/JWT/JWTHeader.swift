/// The JOSE header of a JWT, as far as Duo's tokens use it.
public struct JWTHeader: Sendable, Hashable, Codable {
    /// The signing algorithm; Duo uses `HS512` only.
    public var algorithm: String?
    /// The token type; `JWT` or absent.
    public var type: String?
    /// Critical header extensions. Any value makes verification fail, since none is supported.
    public var critical: [String]?

    enum CodingKeys: String, CodingKey {
        case algorithm = "alg"
        case type = "typ"
        case critical = "crit"
    }

    /// The header every token this SDK signs carries: `{"alg":"HS512","typ":"JWT"}`.
    public static let hs512 = JWTHeader(algorithm: "HS512", type: "JWT", critical: nil)

    /// The exact compact JSON of ``hs512``, in the key order Duo's SDKs emit.
    static let hs512JSON: [UInt8] = Array(#"{"alg":"HS512","typ":"JWT"}"#.utf8)
}
