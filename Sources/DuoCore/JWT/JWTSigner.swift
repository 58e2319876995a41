public import Foundation

/// Signs and verifies HS512 JSON Web Tokens, the only kind Duo exchanges.
///
/// Every JWT between a relying party and Duo (client assertions, authorization request objects,
/// id_tokens) is HMAC-SHA512 with the client secret as key. This type does exactly that and
/// nothing else: there is no algorithm negotiation to confuse.
///
/// Signing produces the compact form with deterministic JSON (sorted keys, unescaped `/`,
/// integer NumericDates), so the same claims always give the same token.
///
/// Verification runs in a fixed order, and nothing is decoded before the check that guards it:
/// 1. size cap (``maximumTokenLength``, 16 KiB) → ``DuoError/tokenTooLarge``;
/// 2. exactly three dot-separated segments → ``DuoError/malformedToken``;
/// 3. the header decodes to a JSON object whose `alg` is exactly `HS512` (`typ` `JWT` or absent,
///    no `crit`) → ``DuoError/malformedHeader`` / ``DuoError/unsupportedAlgorithm``;
/// 4. the MAC, compared in constant time → ``DuoError/invalidSignature``;
/// 5. only then the payload is decoded: registered claims checked with ``ClaimsValidation``, and the
///    claims decoded into your `Codable` type → ``DuoError/malformedClaims`` and the claim errors.
///
/// ```swift
/// let signer = JWTSigner(secret: try ClientSecret(secretText))
/// let token = try signer.sign(MyClaims(...))
/// let verified = try signer.verify(token, as: MyClaims.self,
///                                  validation: ClaimsValidation(issuer: "...", audience: "..."))
/// ```
public struct JWTSigner: Sendable {
    /// The only algorithm accepted or produced.
    public static let algorithm = "HS512"
    /// The largest token accepted for verification, in bytes (16 KiB). Duo's id_tokens are about 1 KiB.
    public static let maximumTokenLength = 16 * 1024

    private let authenticator: MessageAuthenticator

    /// Creates a signer keyed with a client secret.
    ///
    /// - Parameter secret: The client secret (its UTF-8 bytes are the HMAC-SHA512 key).
    public init(secret: ClientSecret) {
        authenticator = secret.makeAuthenticator(.sha512)
    }

    /// Creates a signer from raw key bytes (for tests and keys that are not Duo client secrets).
    ///
    /// - Parameter key: The HMAC-SHA512 key.
    public init<Key: ContiguousBytes>(key: Key) {
        authenticator = MessageAuthenticator(.sha512, key: key)
    }

    // MARK: Signing

    /// Signs claims as a compact HS512 JWT with header `{"alg":"HS512","typ":"JWT"}`.
    ///
    /// - Parameter claims: Any `Encodable` value that encodes as a JSON object. Use `Int64`
    ///   seconds for NumericDates.
    /// - Returns: The compact token `header.payload.signature`.
    /// - Throws: ``DuoError/encodingFailed`` if the claims cannot be encoded as a JSON object.
    public func sign<Claims: Encodable>(_ claims: Claims) throws(DuoError) -> String {
        let json: Data
        do {
            json = try Self.makeEncoder().encode(claims)
        } catch {
            throw DuoError(.encodingFailed, reason: "the claims could not be encoded as JSON")
        }
        guard json.first == UInt8(ascii: "{") else {
            throw DuoError(.encodingFailed, reason: "the claims must encode as a JSON object")
        }
        return sign(payloadJSON: json)
    }

    /// Signs an already-serialised payload, byte for byte.
    ///
    /// Use it to reproduce a token another implementation made from the same JSON bytes.
    ///
    /// - Parameter payloadJSON: The payload's JSON bytes.
    /// - Returns: The compact token.
    public func sign<Payload: Collection>(payloadJSON: Payload) -> String where Payload.Element == UInt8 {
        var token = [UInt8]()
        appendToken(payloadJSON: payloadJSON, to: &token)
        return String(decoding: token, as: UTF8.self)
    }

    /// Appends the compact token for `payloadJSON` to `output`, the same bytes ``sign(payloadJSON:)``
    /// returns, for callers that embed the token in a larger text (the authorize URL).
    ///
    /// - Parameters:
    ///   - payloadJSON: The payload's JSON bytes.
    ///   - output: The buffer the token's ASCII bytes are appended to.
    package func appendToken<Payload: Collection>(payloadJSON: Payload, to output: inout [UInt8]) where Payload.Element == UInt8 {
        let start = output.count
        Base64URL.append(JWTHeader.hs512JSON, to: &output)
        output.append(UInt8(ascii: "."))
        Base64URL.append(Array(payloadJSON), to: &output)
        let mac = authenticator.authenticationCode(for: Array(output[start...]))
        output.append(UInt8(ascii: "."))
        Base64URL.append(mac, to: &output)
    }

    /// The JSON encoder used for claims: sorted keys and unescaped slashes, so output is
    /// deterministic and URLs read as they are.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    // MARK: Verification

    /// Verifies a token's size, shape, header and signature, then decodes and validates its claims.
    ///
    /// - Parameters:
    ///   - token: The compact JWT.
    ///   - type: The type to decode the claims into.
    ///   - validation: What the registered claims must satisfy.
    /// - Returns: The verified token with its claims.
    /// - Throws: A ``DuoError`` naming the first check that failed (see the type's overview for
    ///   the order).
    public func verify<Claims: Decodable & Sendable>(
        _ token: some StringProtocol,
        as type: Claims.Type = Claims.self,
        validation: ClaimsValidation
    ) throws(DuoError) -> VerifiedJWT<Claims> {
        let (header, payload) = try verifySignature(token)
        let object = try Self.readPayload(payload)
        let registered = try RegisteredClaims(claims: object)
        try validation.validate(registered)
        let claims: Claims
        if let untyped = object as? Claims {
            claims = untyped
        } else {
            do {
                claims = try JSONValueDecoder().decode(Claims.self, from: .object(object))
            } catch let error as DecodingError {
                throw DuoError(.malformedClaims, reason: Self.describe(error))
            } catch let error as DuoError {
                throw error
            } catch {
                throw DuoError(.malformedClaims, reason: "the payload could not be decoded")
            }
        }
        return VerifiedJWT(header: header, registeredClaims: registered, claims: claims, payloadJSON: payload)
    }

    /// ``verify(_:as:validation:)`` for untyped claims: the same checks in the same order.
    package func verifyJSONObject(
        _ token: String, validation: ClaimsValidation
    ) throws(DuoError) -> VerifiedJWT<[String: JSONValue]> {
        try verify(token, as: [String: JSONValue].self, validation: validation)
    }

    /// The payload read by ``JSONReader``: one JSON object, or ``DuoError/malformedClaims``.
    static func readPayload(_ payload: [UInt8]) throws(DuoError) -> [String: JSONValue] {
        do {
            return try JSONReader.readObject(payload, maximumLength: maximumTokenLength)
        } catch {
            throw DuoError(.malformedClaims, reason: "the payload is not one strict JSON object: \(error.reason)")
        }
    }

    /// Checks steps 1–4 (size, shape, header, MAC) and returns the header and the raw payload
    /// bytes, without decoding or validating any claim.
    ///
    /// - Parameter token: The compact JWT.
    /// - Returns: The decoded header and the payload's JSON bytes.
    /// - Throws: ``DuoError/tokenTooLarge``, ``DuoError/malformedToken``,
    ///   ``DuoError/malformedHeader``, ``DuoError/unsupportedAlgorithm`` or
    ///   ``DuoError/invalidSignature``.
    public func verifySignature(_ token: some StringProtocol) throws(DuoError) -> (header: JWTHeader, payloadJSON: [UInt8]) {
        let bytes = Array(token.utf8)
        guard bytes.count <= Self.maximumTokenLength else {
            throw DuoError(.tokenTooLarge, reason: "\(bytes.count) bytes, limit \(Self.maximumTokenLength)")
        }
        let dot = UInt8(ascii: ".")
        let dots = bytes.indices.filter { bytes[$0] == dot }
        guard dots.count == 2 else {
            throw DuoError(.malformedToken, reason: "expected 3 segments separated by '.', found \(dots.count + 1)")
        }
        let firstDot = dots[0], secondDot = dots[1]
        let header = try Self.readHeader(try Self.decodeSegment(bytes[..<firstDot], name: "header"))
        let signature = try Self.decodeSegment(bytes[(secondDot + 1)...], name: "signature")
        guard !signature.isEmpty else { throw DuoError(.invalidSignature, reason: "the signature is empty") }
        guard authenticator.isValid(signature, for: Array(bytes[..<secondDot])) else {
            throw DuoError(.invalidSignature, reason: "the HS512 signature does not match")
        }
        let payload = try Self.decodeSegment(bytes[(firstDot + 1)..<secondDot], name: "payload")
        return (header, payload)
    }

    /// Reads the header with ``JSONReader`` and accepts only `alg` `HS512`, `typ` `JWT` or
    /// absent, and no `crit`.
    private static func readHeader(_ bytes: [UInt8]) throws(DuoError) -> JWTHeader {
        let members: [String: JSONValue]
        do {
            members = try JSONReader.readObject(bytes, maximumLength: maximumTokenLength)
        } catch {
            throw DuoError(.malformedHeader, reason: "the header is not one strict JSON object: \(error.reason)")
        }
        func text(_ name: String) throws(DuoError) -> String? {
            switch members[name] {
            case nil: return nil
            case .string(let value)?: return value
            default: throw DuoError(.malformedHeader, reason: "'\(name)' is not a string")
            }
        }
        let algorithm = try text("alg"), type = try text("typ")
        guard let algorithm else {
            throw DuoError(.unsupportedAlgorithm, reason: "the header names no algorithm; only HS512 is accepted")
        }
        guard algorithm == Self.algorithm else {
            throw DuoError(.unsupportedAlgorithm, reason: "'\(algorithm.prefix(32))' is not accepted; only HS512 is")
        }
        if let type, type != "JWT" {
            throw DuoError(.malformedHeader, reason: "'typ' must be JWT or absent")
        }
        if members["crit"] != nil {
            throw DuoError(.malformedHeader, reason: "critical header extensions ('crit') are not supported")
        }
        return JWTHeader(algorithm: algorithm, type: type, critical: nil)
    }

    private static func decodeSegment(_ bytes: ArraySlice<UInt8>, name: String) throws(DuoError) -> [UInt8] {
        do {
            return try Base64URL.decode(bytes: bytes)
        } catch {
            throw DuoError(.malformedToken, reason: "the \(name) is not strict base64url: \(error.reason ?? "")")
        }
    }

    /// Describes a decoding failure by claim path and expected type only.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the payload" : "claim '\(text)'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) has the wrong type (expected \(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null (expected \(type))"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the payload is not valid JSON" : "\(path(context.codingPath)) is not valid"
        @unknown default:
            return "the payload could not be decoded"
        }
    }
}

extension JWTSigner: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `JWTSigner(algorithm: HS512, key: <redacted>)`.
    public var description: String { SafeReflection.description("JWTSigner", ["algorithm": Self.algorithm, "key": SafeReflection.redacted]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// Only the algorithm: the key schedule is never reflected.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["algorithm": Self.algorithm]) }
}
