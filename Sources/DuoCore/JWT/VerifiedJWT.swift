/// A token whose signature, header and registered claims have been checked, with its claims
/// decoded into `Claims`.
public struct VerifiedJWT<Claims: Decodable & Sendable>: Sendable {
    /// The decoded header.
    public let header: JWTHeader
    /// The registered claims (`iss`, `aud`, `exp`, ...).
    public let registeredClaims: RegisteredClaims
    /// The claims decoded into your type.
    public let claims: Claims
    /// The payload's JSON bytes, exactly as signed.
    public let payloadJSON: [UInt8]

    /// Every claim, including those `Claims` does not model.
    ///
    /// - Returns: The payload as a dictionary of JSON values.
    /// - Throws: ``DuoError/malformedClaims`` if the payload is not a JSON object (it was checked
    ///   during verification, so this does not happen for a value you received from the SDK).
    public func allClaims() throws(DuoError) -> [String: JSONValue] {
        try JWTSigner.readPayload(payloadJSON)
    }
}
