import DuoAuthAPI
import DuoCore
import DuoOTP
import DuoWebSDK
import Foundation

/// Builds the nine operations of `duo speed` and the `ref.*` floors from the fixed inputs,
/// self-checking each one first (shared/docs/cli.md, Part 4).
///
/// Every operation runs the SDK's public code path; objects a real caller builds once (the
/// client, the request signer, the TOTP generator, the parameters) are built here, outside the
/// loop.
enum SpeedSuite {
    /// The nine operation keys, in output order.
    static let operationNames = [
        "create_auth_url", "validate_id_token", "client_assertion", "totp_sha1", "totp_sha512",
        "sign_request_v5", "sign_request_v2", "base32_decode", "parse_otpauth_uri",
    ]

    /// Self-checks every operation and returns them, followed by the `ref.*` floors.
    ///
    /// - Throws: The first ``SpeedCheckFailure``.
    static func make(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> [SpeedOperation] {
        let client = try webClient(inputs)
        return [
            try createAuthURL(inputs, client: client),
            try validateIDToken(inputs, client: client),
            try clientAssertion(inputs, client: client),
            try totp("totp_sha1", inputs.totpSHA1, algorithm: .sha1),
            try totp("totp_sha512", inputs.totpSHA512, algorithm: .sha512),
            try signV5(inputs),
            try signV2(inputs),
            try base32Decode(inputs),
            try parseOTPAuthURI(inputs),
        ] + floors(inputs)
    }

    // MARK: Universal Prompt

    static func webClient(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> DuoWebClient {
        do {
            let configuration = try DuoWebConfiguration(
                clientID: inputs.clientID, clientSecret: inputs.clientSecret, apiHost: inputs.apiHost,
                redirectURI: inputs.redirectURI, jwtLifetime: inputs.jwtLifetime, leeway: TimeInterval(inputs.leeway))
            return try DuoWebClient(configuration: configuration, transport: OfflineTransport())
        } catch {
            throw SpeedCheckFailure(operation: "create_auth_url", message: "the configuration is invalid: \(error.localizedDescription)")
        }
    }

    static func createAuthURL(_ inputs: SpeedInputs, client: DuoWebClient) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "create_auth_url"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        // The public call that returns the URL as text, as the Python peer's create_auth_url does
        // (`authorizationURL` is the same text parsed once more into a Foundation `URL`).
        let text: String
        do { text = try client.authorizationURLString(username: inputs.username, state: inputs.state) } catch {
            throw fail("authorizationURLString threw: \(error.localizedDescription)")
        }
        let now = Int64(Date().timeIntervalSince1970)
        let prefix = inputs.authorizeEndpoint + "?"
        guard text.hasPrefix(prefix) else { throw fail("the URL does not start with \(prefix)") }
        guard let query = URLComponents(string: text)?.queryItems else { throw fail("the URL has no query") }
        func item(_ key: String) -> String? { query.first { $0.name == key }?.value }
        guard item("response_type") == "code" else { throw fail("response_type is not 'code'") }
        guard item("client_id") == inputs.clientID else { throw fail("client_id differs") }
        guard let request = item("request") else { throw fail("the URL has no 'request'") }
        let claims = try verifiedClaims(request, inputs: inputs, fail: fail)
        let expected: [String: JSONValue] = [
            "scope": .string("openid"), "redirect_uri": .string(inputs.redirectURI),
            "client_id": .string(inputs.clientID), "iss": .string(inputs.clientID),
            "aud": .string(inputs.requestAudience), "state": .string(inputs.state),
            "response_type": .string("code"), "duo_uname": .string(inputs.username),
            "use_duo_code_attribute": .bool(true),
        ]
        guard Set(claims.keys) == Set(expected.keys).union(["exp"]) else {
            throw fail("the request claims are \(claims.keys.sorted()), expected \((expected.keys.sorted() + ["exp"]).sorted())")
        }
        for (key, value) in expected where claims[key] != value { throw fail("claim '\(key)' differs") }
        try checkExpiry(claims["exp"], now: now, fail: fail)
        return SpeedOperation(name: name) {
            ((try? client.authorizationURLString(username: inputs.username, state: inputs.state)) ?? "").speedFold
        }
    }

    static func validateIDToken(_ inputs: SpeedInputs, client: DuoWebClient) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "validate_id_token"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        let result: DuoAuthorization
        do { result = try client.verifyIDToken(inputs.idToken, username: inputs.username, nonce: inputs.nonce) } catch {
            throw fail("the id_token was rejected: \(error.localizedDescription)")
        }
        guard result.result.result.description == inputs.expectedAuthResult else { throw fail("auth_result.result is \(result.result.result)") }
        guard result.result.statusMessage == inputs.expectedStatusMessage else { throw fail("auth_result.status_msg differs") }
        guard result.context?.factor == inputs.expectedFactor else { throw fail("auth_context.factor differs") }
        guard result.context?.transactionID == inputs.expectedTransactionID else { throw fail("auth_context.txid differs") }
        guard result.context?.user?.key == inputs.expectedUserKey else { throw fail("auth_context.user.key differs") }
        // A token whose last signature character changed must be rejected (once, outside the loop).
        var tampered = inputs.idToken
        let last = tampered.removeLast()
        tampered.append(last == "A" ? "B" : "A")
        if (try? client.verifyIDToken(tampered, username: inputs.username, nonce: inputs.nonce)) != nil {
            throw fail("a token with a changed signature was accepted")
        }
        return SpeedOperation(name: name) {
            guard let result = try? client.verifyIDToken(inputs.idToken, username: inputs.username, nonce: inputs.nonce) else { return 0 }
            return UInt64(truncatingIfNeeded: result.context?.timestamp ?? 0) &+ (result.isAllowed ? 1 : 0)
        }
    }

    static func clientAssertion(_ inputs: SpeedInputs, client: DuoWebClient) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "client_assertion"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        // The audience the SDK itself uses for the token exchange; the check compares it with the file's.
        let audience = client.configuration.tokenURLString
        let first: String, second: String
        do {
            first = try client.makeClientAssertion(audience: audience)
            second = try client.makeClientAssertion(audience: audience)
        } catch {
            throw fail("makeClientAssertion threw: \(error.localizedDescription)")
        }
        let now = Int64(Date().timeIntervalSince1970)
        let claims = try verifiedClaims(first, inputs: inputs, fail: fail)
        let secondClaims = try verifiedClaims(second, inputs: inputs, fail: fail)
        guard claims["iss"]?.stringValue == inputs.clientID, claims["sub"]?.stringValue == inputs.clientID else {
            throw fail("iss/sub is not the client id")
        }
        guard claims["aud"]?.stringValue == inputs.tokenEndpoint else { throw fail("aud is not \(inputs.tokenEndpoint)") }
        try checkExpiry(claims["exp"], now: now, fail: fail)
        if let iat = claims["iat"] {
            guard let value = iat.integerValue, abs(value - now) <= 1 else { throw fail("iat is not now") }
        }
        guard let jti = claims["jti"]?.stringValue, jti.utf8.count == 36,
              jti.utf8.allSatisfy({ SecureRandom.alphanumerics.contains($0) }) else {
            throw fail("jti is not 36 alphanumerics")
        }
        guard secondClaims["jti"]?.stringValue != jti else { throw fail("two calls gave the same jti") }
        return SpeedOperation(name: name) {
            ((try? client.makeClientAssertion(audience: audience)) ?? "").speedFold
        }
    }

    /// Verifies a JWT with the client secret and returns its claims.
    private static func verifiedClaims(
        _ token: String, inputs: SpeedInputs, fail: (String) -> SpeedCheckFailure
    ) throws(SpeedCheckFailure) -> [String: JSONValue] {
        guard let secret = try? ClientSecret(inputs.clientSecret) else { throw fail("the client secret is invalid") }
        guard let verified = try? JWTSigner(secret: secret).verifySignature(token) else {
            throw fail("the JWT does not verify with the client secret")
        }
        guard verified.header.algorithm == "HS512", verified.header.type == "JWT" else { throw fail("the JWT header is not HS512/JWT") }
        guard let claims = try? JSONReader.readObject(verified.payloadJSON) else {
            throw fail("the JWT claims are not a JSON object")
        }
        return claims
    }

    private static func checkExpiry(_ exp: JSONValue?, now: Int64, fail: (String) -> SpeedCheckFailure) throws(SpeedCheckFailure) {
        guard case .integer(let value)? = exp else { throw fail("exp is not an integer") }
        guard value - now > 0, value - now <= 301 else { throw fail("exp - now is \(value - now), expected 1...301") }
    }

    // MARK: OTP

    static func totp(_ name: String, _ input: SpeedInputs.TOTPCase, algorithm: OTPAlgorithm) throws(SpeedCheckFailure) -> SpeedOperation {
        let generator: TOTPGenerator
        do {
            generator = try TOTPGenerator(secret: try OTPSecret(base32: input.secretBase32), algorithm: algorithm, digits: 6, period: 30)
        } catch {
            throw SpeedCheckFailure(operation: name, message: "the generator could not be built: \(error)")
        }
        let code = generator.code(at: input.time)
        guard code == input.expected else {
            throw SpeedCheckFailure(operation: name, message: "the code at \(input.time) is \(code), expected \(input.expected)")
        }
        let time = input.time
        return SpeedOperation(name: name) { generator.code(at: time).speedFold }
    }

    static func base32Decode(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "base32_decode"
        let text = inputs.base32Input
        guard let bytes = try? Base32.decode(text) else { throw SpeedCheckFailure(operation: name, message: "the input does not decode") }
        guard Hex.encode(bytes) == inputs.base32ExpectedHex else {
            throw SpeedCheckFailure(operation: name, message: "decoded to \(Hex.encode(bytes)), expected \(inputs.base32ExpectedHex)")
        }
        return SpeedOperation(name: name) {
            guard let bytes = try? Base32.decode(text) else { return 0 }
            return UInt64(bytes.count) &+ UInt64(bytes.last ?? 0)
        }
    }

    static func parseOTPAuthURI(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "parse_otpauth_uri"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        let uri = inputs.otpauthURI
        let parsed: OTPAuthURI
        do { parsed = try OTPAuthURI(parsing: uri) } catch { throw fail("the URI was rejected: \(error.reason)") }
        guard parsed.typeName == "totp" else { throw fail("type is \(parsed.typeName)") }
        guard parsed.issuer == inputs.otpauthIssuer else { throw fail("issuer differs") }
        guard parsed.account == inputs.otpauthAccount else { throw fail("account differs") }
        guard parsed.secret.base32 == inputs.otpauthSecret else { throw fail("the canonical secret differs") }
        guard parsed.algorithm.rawValue == inputs.otpauthAlgorithm else { throw fail("algorithm is \(parsed.algorithm.rawValue)") }
        guard parsed.digits == inputs.otpauthDigits else { throw fail("digits is \(parsed.digits)") }
        guard parsed.period == inputs.otpauthPeriod else { throw fail("period differs") }
        return SpeedOperation(name: name) {
            guard let parsed = try? OTPAuthURI(parsing: uri) else { return 0 }
            return UInt64(parsed.secret.byteCount) &+ UInt64(parsed.account.utf8.count)
        }
    }

    // MARK: Auth API signing

    static func requestSigner(_ inputs: SpeedInputs, operation: String, version: DuoSignatureVersion) throws(SpeedCheckFailure) -> DuoRequestSigner {
        do {
            return DuoRequestSigner(integrationKey: try IntegrationKey(inputs.integrationKey), secretKey: try SecretKey(inputs.secretKey), version: version)
        } catch {
            throw SpeedCheckFailure(operation: operation, message: "the ikey or skey is invalid")
        }
    }

    static func signV5(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "sign_request_v5"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        let signer = try requestSigner(inputs, operation: name, version: .v5)
        let parameters = DuoParameters(inputs.signParameters)
        let (date, method, host, path) = (inputs.signDate, inputs.signMethod, inputs.signHost, inputs.signPath)
        // The SDK's path for a whole request (`signedRequest` uses the same two calls): the body,
        // then the Authorization of the canonical request it hashes into line 6.
        @Sendable func sign() -> (body: [UInt8], authorization: String) {
            let body = DuoJSONBody.encode(parameters)
            let authorization = (try? signer.authorization(date: date, method: method, host: host, path: path, canonicalParameters: "", body: body)) ?? ""
            return (body, authorization)
        }
        let result = sign()
        guard result.body == Array(inputs.expectedV5Body.utf8) else { throw fail("the body differs from expected_body") }
        // The canonical string the Authorization covers, from the same implementation.
        let canonical = try? DuoRequestSigner.canonicalString(
            date: date, method: method, host: host, path: path, canonicalParameters: "", body: result.body, version: .v5)
        guard canonical == inputs.expectedV5Canonical else { throw fail("the canonical string differs from expected_canonical") }
        guard result.authorization == inputs.expectedV5Authorization else { throw fail("the Authorization differs from expected_authorization") }
        return SpeedOperation(name: name) {
            let result = sign()
            return result.authorization.speedFold &+ UInt64(result.body.count)
        }
    }

    static func signV2(_ inputs: SpeedInputs) throws(SpeedCheckFailure) -> SpeedOperation {
        let name = "sign_request_v2"
        func fail(_ message: String) -> SpeedCheckFailure { SpeedCheckFailure(operation: name, message: message) }
        let signer = try requestSigner(inputs, operation: name, version: .v2)
        let parameters = DuoParameters(inputs.signParameters)
        let (date, method, host, path) = (inputs.signDate, inputs.signMethod, inputs.signHost, inputs.signPath)
        // The canonical parameter string (what a v2 request sends as its query or form body),
        // then the Authorization of the canonical request with it as line 5.
        @Sendable func sign() -> String {
            (try? signer.authorization(date: date, method: method, host: host, path: path, canonicalParameters: parameters.canonicalString)) ?? ""
        }
        let canonical = try? DuoRequestSigner.canonicalString(
            date: date, method: method, host: host, path: path, canonicalParameters: parameters.canonicalString, version: .v2)
        guard canonical == inputs.expectedV2Canonical else { throw fail("the canonical string differs from expected_canonical") }
        guard sign() == inputs.expectedV2Authorization else { throw fail("the Authorization differs from expected_authorization") }
        return SpeedOperation(name: name) { sign().speedFold }
    }

    // MARK: Floors

    /// The bare primitives each figure can be read against: HMAC-SHA512 over the v5 canonical
    /// bytes, the v5 floor (SHA-512 of the body, then that HMAC), and HMAC-SHA1 of the 8-byte
    /// TOTP counter. Keys are prepared once, as the SDK's signers do.
    static func floors(_ inputs: SpeedInputs) -> [SpeedOperation] {
        let sha512 = MessageAuthenticator(.sha512, key: Array(inputs.secretKey.utf8))
        let canonical = Array(inputs.expectedV5Canonical.utf8)
        let body = Array(inputs.expectedV5Body.utf8)
        let sha1 = MessageAuthenticator(.sha1, key: (try? Base32.decode(inputs.totpSHA1.secretBase32)) ?? [])
        let step = inputs.totpSHA1.time / 30
        let counter = (0..<8).map { UInt8(truncatingIfNeeded: step >> (56 - 8 * $0)) }
        return [
            // MessageAuthenticator and HashAlgorithm, the SDK's one HMAC and hash path.
            SpeedOperation(name: "ref.hmac_sha512") {
                UInt64(sha512.authenticationCode(for: canonical)[0])
            },
            SpeedOperation(name: "ref.sign_v5_floor") {
                UInt64(HashAlgorithm.sha512.hash(body)[0]) &+ UInt64(sha512.authenticationCode(for: canonical)[0])
            },
            SpeedOperation(name: "ref.hmac_sha1_8") {
                UInt64(sha1.authenticationCode(for: counter)[0])
            },
        ]
    }
}
