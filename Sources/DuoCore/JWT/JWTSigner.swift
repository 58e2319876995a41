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
    /// returns, for callers that embed the token in a larger text (the authorize URL) and so
    /// need no `String` of the token alone.
    ///
    /// - Parameters:
    ///   - payloadJSON: The payload's JSON bytes.
    ///   - output: The buffer the token's ASCII bytes are appended to.
    package func appendToken<Payload: Collection>(payloadJSON: Payload, to output: inout [UInt8]) where Payload.Element == UInt8 {
        let start = output.count
        output.reserveCapacity(start + Self.tokenCapacity(payloadCount: payloadJSON.count))
        Base64URL.append(JWTHeader.hs512JSON, to: &output)
        output.append(UInt8(ascii: "."))
        Base64URL.append(payloadJSON, to: &output)
        // The MAC goes to the stack first: `output` is the message being read.
        var mac = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0)) // 64 bytes
        let macCount = output.withUnsafeBytes { token in
            authenticator.withAuthenticationCode(for: UnsafeRawBufferPointer(rebasing: token[start...])) { code in
                withUnsafeMutableBytes(of: &mac) { storage in
                    // HMAC-SHA512 gives 64 bytes, the storage's size; `min` keeps the copy in bounds regardless.
                    let count = min(code.count, storage.count)
                    storage.copyMemory(from: UnsafeRawBufferPointer(rebasing: code[..<count]))
                    return count
                }
            }
        }
        output.append(UInt8(ascii: "."))
        withUnsafeBytes(of: mac) { storage in
            // `macCount <= storage.count` (see above).
            storage.withMemoryRebound(to: UInt8.self) { Base64URL.append(UnsafeBufferPointer(rebasing: $0[..<macCount]), to: &output) }
        }
    }

    /// Room for a token whose payload has `payloadCount` bytes: the header segment (36), the
    /// payload in base64url, the signature (86) and the dots, rounded up.
    package static func tokenCapacity(payloadCount: Int) -> Int { 40 + (payloadCount * 4 + 2) / 3 + 88 }

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
        // Fast path for untyped claims: one strict parse instead of two JSONDecoder passes.
        // Anything outside the strict subset falls through to JSONDecoder below, unchanged.
        if Claims.self == [String: JSONValue].self, let object = StrictJSONParser.parseObject(payload),
           let registered = RegisteredClaims(strictObject: object), let claims = object as? Claims {
            try validation.validate(registered)
            return VerifiedJWT(header: header, registeredClaims: registered, claims: claims, payloadJSON: payload)
        }
        return try decodeVerified(header: header, payload: payload, as: Claims.self, validation: validation)
    }

    /// ``verify(_:as:validation:)`` for untyped claims, without the generic dispatch: the same
    /// checks in the same order, and the same results and errors.
    package func verifyJSONObject(
        _ token: String, validation: ClaimsValidation
    ) throws(DuoError) -> VerifiedJWT<[String: JSONValue]> {
        let (header, payload) = try verifySignature(token)
        if let object = StrictJSONParser.parseObject(payload), let registered = RegisteredClaims(strictObject: object) {
            try validation.validate(registered)
            return VerifiedJWT(header: header, registeredClaims: registered, claims: object, payloadJSON: payload)
        }
        return try decodeVerified(header: header, payload: payload, as: [String: JSONValue].self, validation: validation)
    }

    /// Step 5 through `JSONDecoder`: registered claims, their validation, then the claims.
    private func decodeVerified<Claims: Decodable & Sendable>(
        header: JWTHeader, payload: [UInt8], as type: Claims.Type, validation: ClaimsValidation
    ) throws(DuoError) -> VerifiedJWT<Claims> {
        let registered = try Self.decodeClaims(RegisteredClaims.self, from: payload)
        try validation.validate(registered)
        let claims = try Self.decodeClaims(Claims.self, from: payload)
        return VerifiedJWT(header: header, registeredClaims: registered, claims: claims, payloadJSON: payload)
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
        let utf8 = token.utf8
        guard utf8.count <= Self.maximumTokenLength else {
            throw DuoError(.tokenTooLarge, reason: "\(utf8.count) bytes, limit \(Self.maximumTokenLength)")
        }
        var token = String(token)
        // `withUTF8` is not typed-throws, so the outcome is carried out as a Result.
        let outcome = token.withUTF8 { bytes in
            Result { () throws(DuoError) in try verifySignature(bytes: bytes) }
        }
        return try outcome.get()
    }

    private func verifySignature(bytes: UnsafeBufferPointer<UInt8>) throws(DuoError) -> (header: JWTHeader, payloadJSON: [UInt8]) {
        let dot = UInt8(ascii: ".")
        guard let firstDot = ByteSearch.firstIndex(of: dot, in: bytes, from: 0),
              let secondDot = ByteSearch.firstIndex(of: dot, in: bytes, from: firstDot + 1),
              ByteSearch.firstIndex(of: dot, in: bytes, from: secondDot + 1) == nil else {
            let segments = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).count
            throw DuoError(.malformedToken, reason: "expected 3 segments separated by '.', found \(segments)")
        }
        let header: JWTHeader
        if bytes[..<firstDot].elementsEqual(Self.hs512HeaderSegment) {
            // The header Duo always sends; decoding it would give exactly ``JWTHeader/hs512``.
            header = .hs512
        } else {
            let headerBytes = try Self.decodeSegment(bytes[..<firstDot], name: "header")
            do {
                header = try JSONDecoder().decode(JWTHeader.self, from: Data(headerBytes))
            } catch {
                throw DuoError(.malformedHeader, reason: "the header is not a JSON object with string 'alg' and 'typ'")
            }
        }
        guard let algorithm = header.algorithm else {
            throw DuoError(.unsupportedAlgorithm, reason: "the header names no algorithm; only HS512 is accepted")
        }
        guard algorithm == Self.algorithm else {
            throw DuoError(.unsupportedAlgorithm, reason: "'\(algorithm.prefix(32))' is not accepted; only HS512 is")
        }
        if let type = header.type, type != "JWT" {
            throw DuoError(.malformedHeader, reason: "'typ' must be JWT or absent")
        }
        if header.critical != nil {
            throw DuoError(.malformedHeader, reason: "critical header extensions ('crit') are not supported")
        }
        let signature = try Self.decodeSegment(bytes[(secondDot + 1)...], name: "signature")
        guard !signature.isEmpty else { throw DuoError(.invalidSignature, reason: "the signature is empty") }
        guard authenticator.isValid(signature, for: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<secondDot]))) else {
            throw DuoError(.invalidSignature, reason: "the HS512 signature does not match")
        }
        let payload = try Self.decodeSegment(bytes[(firstDot + 1)..<secondDot], name: "payload")
        return (header, payload)
    }

    /// `{"alg":"HS512","typ":"JWT"}` in base64url, the header segment of Duo's tokens.
    static let hs512HeaderSegment: [UInt8] = {
        var segment = [UInt8]()
        Base64URL.append(JWTHeader.hs512JSON, to: &segment)
        return segment
    }()

    private static func decodeSegment(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, name: String) throws(DuoError) -> [UInt8] {
        do {
            return try Base64URL.decode(bytes: bytes)
        } catch {
            throw DuoError(.malformedToken, reason: "the \(name) is not strict base64url: \(error.reason ?? "")")
        }
    }

    /// Decodes claims from a verified payload, mapping decoding failures to
    /// ``DuoError/malformedClaims`` with the claim's path (never its value).
    static func decodeClaims<Claims: Decodable>(_ type: Claims.Type, from payload: [UInt8]) throws(DuoError) -> Claims {
        guard payload.first(where: { !Self.isJSONWhitespace($0) }) == UInt8(ascii: "{") else {
            throw DuoError(.malformedClaims, reason: "the payload is not a JSON object")
        }
        do {
            return try JSONDecoder().decode(Claims.self, from: Data(payload))
        } catch let error as DecodingError {
            throw DuoError(.malformedClaims, reason: Self.describe(error))
        } catch let error as DuoError {
            throw error
        } catch {
            throw DuoError(.malformedClaims, reason: "the payload could not be decoded")
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
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
