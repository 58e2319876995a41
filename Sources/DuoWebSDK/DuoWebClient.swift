import DuoCore
public import DuoTransport
public import Foundation
import Logging

/// The Duo Universal Prompt (Web SDK v4) client.
///
/// ```swift
/// let duo = try DuoWebClient(configuration: configuration, transport: transport)
/// // login: store state (and nonce) in the session, then redirect
/// let state = duo.generateState(), nonce = duo.generateNonce()
/// let url = try duo.authorizationURL(username: "alice", state: state, options: .init(nonce: nonce))
/// // callback:
/// let callback = try duo.callback(from: requestURL, expectedState: session.state)
/// let result = try await duo.exchangeAuthorizationCode(callback.code, username: "alice", nonce: session.nonce)
/// if result.isAllowed { /* signed in */ }
/// ```
public struct DuoWebClient: DuoWebAuthenticating {
    /// The validated configuration.
    public let configuration: DuoWebConfiguration
    let transport: any HTTPTransport
    private let signer: JWTSigner
    /// `https://{host}/oauth/v1/authorize?response_type=code&client_id=...&request=`, built once.
    private let authorizeQueryPrefix: [UInt8]
    /// The request object's `aud` (`https://{host}`) and `redirect_uri`, built once.
    private let requestAudience: String, redirectURIString: String
    /// What every id_token's registered claims must satisfy, built once: the configuration
    /// cannot change, and building it (issuer string, required-claim set) cost a fifth of a
    /// verification.
    private let idTokenValidation: ClaimsValidation

    /// The client-assertion type Duo's token endpoint expects.
    public static let clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: The configuration; validated here.
    ///   - transport: How requests reach Duo (`CurlTransport` in production, `FakeDuo` in tests).
    /// - Throws: ``DuoWebError/invalidConfiguration``.
    public init(configuration: DuoWebConfiguration, transport: any HTTPTransport) throws(DuoWebError) {
        try configuration.validate()
        self.configuration = configuration
        self.transport = transport
        self.signer = JWTSigner(secret: configuration.clientSecret)
        self.authorizeQueryPrefix = Array((configuration.authorizeURLString + "?"
            + FormEncoding.encode([("response_type", "code"), ("client_id", configuration.clientID.rawValue)]) + "&request=").utf8)
        self.requestAudience = configuration.baseURLString
        self.redirectURIString = configuration.redirectURI.absoluteString
        self.idTokenValidation = ClaimsValidation(
            issuer: configuration.tokenURLString, audience: configuration.clientID.rawValue,
            requiredClaims: [.expiresAt, .issuedAt, .issuer, .audience],
            leeway: configuration.leeway, clock: configuration.clock)
    }

    /// Creates a client that reaches Duo over HTTPS with a `CurlTransport` built from
    /// ``DuoWebConfiguration/transport`` (Duo's pinned roots by default).
    ///
    /// - Parameter configuration: The configuration; validated here.
    /// - Throws: ``DuoWebError/invalidConfiguration``, or ``DuoWebError/transport`` when the
    ///   transport settings are unusable (for example an unreadable CA bundle).
    public init(configuration: DuoWebConfiguration) throws(DuoWebError) {
        let transport: CurlTransport
        do {
            transport = try CurlTransport(configuration: configuration.transport)
        } catch let error as TransportError {
            throw DuoWebError.transport(error)
        } catch {
            throw DuoWebError.transportOther(error)
        }
        try self.init(configuration: configuration, transport: transport)
    }

    /// The configured clock in whole seconds; a clock outside 1970–9999 is a configuration error.
    private func now() throws(DuoWebError) -> Int64 {
        guard let seconds = configuration.clock.unixSeconds else {
            throw .configuration("the clock reads a time outside the years 1970 to 9999; check the configured WallClock")
        }
        return seconds
    }

    // MARK: State and nonce

    /// Generates a 36-character alphanumeric state from the system CSPRNG.
    public func generateState() -> String { SecureRandom.nonce() }

    /// Generates a 36-character alphanumeric nonce from the system CSPRNG.
    public func generateNonce() -> String { SecureRandom.nonce() }

    // MARK: Health check

    /// Calls `POST /oauth/v1/health_check` with a client assertion.
    ///
    /// - Returns: The result when Duo answered `stat: OK`.
    /// - Throws: ``DuoWebError/healthCheckFailed`` (with Duo's code, message and detail) on
    ///   `stat: FAIL`; ``DuoWebError/transport``, ``DuoWebError/rateLimited``,
    ///   ``DuoWebError/unexpectedHTTPStatus`` or ``DuoWebError/malformedResponse`` otherwise.
    public func healthCheck() async throws(DuoWebError) -> HealthCheckResult {
        let url = configuration.healthCheckURLString
        let assertion = try clientAssertion(audience: url)
        let body = FormEncoding.encode([("client_id", configuration.clientID.rawValue), ("client_assertion", assertion)])
        // Changes nothing at Duo: the transport may send it again on a new connection.
        let response = try await post(url, body: body, isIdempotent: true)
        let json = Self.jsonObject(response.body)
        if let json, json["stat"]?.stringValue == "OK", response.status == 200 {
            return HealthCheckResult(timestamp: try Self.healthCheckTimestamp(json))
        }
        if response.status == 429 { throw Self.statusError(response, bodyIsJSON: json != nil) }
        if let json, json["stat"]?.stringValue == "FAIL", json["code"] != nil || json["message"] != nil {
            let code: String? = switch json["code"] {
            case .integer(let value)?: String(value)
            case .string(let value)?: value
            case .double(let value)?: String(value)
            default: nil
            }
            throw .kind(.healthCheckFailed, reason: "HTTP \(response.status)", duoCode: code,
                        duoMessage: json["message"]?.stringValue, duoDetail: json["message_detail"]?.stringValue)
        }
        if let json, let error = json["error"]?.stringValue {
            throw .kind(.healthCheckFailed, reason: "HTTP \(response.status)", duoCode: error, duoMessage: json["error_description"]?.stringValue)
        }
        throw Self.statusError(response, bodyIsJSON: json != nil)
    }

    /// Duo's `timestamp` (in `response`, or at the top level): absent is fine, but one that is
    /// there must be a whole Unix time between 1970 and 9999.
    private static func healthCheckTimestamp(_ json: [String: JSONValue]) throws(DuoWebError) -> Int64? {
        guard let value = json["response"]?.objectValue?["timestamp"] ?? json["timestamp"] else { return nil }
        guard let seconds = value.integerValue, plausibleUnixSeconds.contains(seconds) else {
            throw .kind(.malformedResponse, reason: "the health check's timestamp is not a Unix time between 1970 and 9999")
        }
        return seconds
    }

    // MARK: Authorization URL

    /// Builds the authorization URL for a user. Pure computation, no I/O.
    ///
    /// - Parameters:
    ///   - username: The user who passed primary authentication (`duo_uname`).
    ///   - state: The state stored in the session, 16...1024 characters.
    ///   - options: Nonce and optional claims; unset ones are omitted.
    /// - Returns: `https://{host}/oauth/v1/authorize?response_type=code&client_id=...&request=...[&nonce=...]`.
    /// - Throws: ``DuoWebError/invalidArgument``.
    public func authorizationURL(username: String, state: String, options: AuthorizationOptions = AuthorizationOptions()) throws(DuoWebError) -> URL {
        let text = try authorizationURLString(username: username, state: state, options: options)
        guard let url = URL(string: text) else {
            throw .configuration("the authorization URL could not be built")
        }
        return url
    }

    /// Builds the authorization URL as text: exactly
    /// ``authorizationURL(username:state:options:)``'s `absoluteString`, with the same checks
    /// and errors, without having Foundation parse the finished URL again.
    ///
    /// Use it where the redirect goes out as a `Location` header string anyway; parsing the
    /// URL into a `URL` value costs about as much as signing the request JWT.
    ///
    /// - Parameters:
    ///   - username: The user who passed primary authentication (`duo_uname`).
    ///   - state: The state stored in the session, 16...1024 characters.
    ///   - options: Nonce and optional claims; unset ones are omitted.
    /// - Returns: `https://{host}/oauth/v1/authorize?response_type=code&client_id=...&request=...[&nonce=...]`.
    /// - Throws: ``DuoWebError/invalidArgument``.
    public func authorizationURLString(username: String, state: String, options: AuthorizationOptions = AuthorizationOptions()) throws(DuoWebError) -> String {
        let stateLength = ArgumentText.characterCount(state)
        guard (16...1024).contains(stateLength) else {
            throw .argument("the state must be 16 to 1024 characters long, got \(stateLength)")
        }
        guard !ArgumentText.isBlank(username) else { throw .argument("the username is empty") }
        if let nonce = options.nonce {
            let nonceLength = ArgumentText.characterCount(nonce)
            guard (16...1024).contains(nonceLength) else {
                throw .argument("the nonce must be 16 to 1024 characters long, got \(nonceLength)")
            }
        }
        if let maxAge = options.maxAge, maxAge < 0 { throw .argument("max_age must not be negative") }
        let claims = RequestClaims(
            responseType: "code", scope: "openid", exp: try now() + Int64(configuration.jwtLifetime),
            clientID: configuration.clientID.rawValue, redirectURI: redirectURIString,
            state: state, duoUname: username, iss: configuration.clientID.rawValue, aud: requestAudience,
            useDuoCodeAttribute: configuration.useDuoCodeAttribute, nonce: options.nonce,
            destAppName: options.destinationAppName, destAppID: options.destinationAppID,
            displayUsername: options.displayUsername, maxAge: options.maxAge, prompt: options.prompt)
        // A compact JWT is base64url segments joined by '.', all RFC 3986 unreserved characters,
        // so percent-encoding would return it unchanged and is skipped.
        let nonceParameter = options.nonce.map { "&" + FormEncoding.encode([("nonce", $0)]) }
        var text = authorizeQueryPrefix
        signer.appendToken(payloadJSON: claims.json(), to: &text)
        if let nonceParameter { text.append(contentsOf: nonceParameter.utf8) }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: Callback

    /// Reads Duo's redirect back to the application.
    ///
    /// Compares `state` with the stored value in constant time first; then returns Duo's error
    /// redirect (`error`, `error_description`) as ``DuoWebError/duoRedirectError``, or the code
    /// (`duo_code`, or `code` when ``DuoWebConfiguration/useDuoCodeAttribute`` is off).
    ///
    /// - Parameters:
    ///   - url: The callback request's URL (only its query is read).
    ///   - expectedState: The state stored in the session.
    /// - Throws: ``DuoWebError/stateMismatch``, ``DuoWebError/duoRedirectError``,
    ///   ``DuoWebError/missingAuthorizationCode``.
    public func callback(from url: URL, expectedState: String) throws(DuoWebError) -> DuoCallback {
        try callback(query: url.query ?? "", expectedState: expectedState)
    }

    /// Reads Duo's redirect from the raw query string; see ``callback(from:expectedState:)``.
    public func callback(query: String, expectedState: String) throws(DuoWebError) -> DuoCallback {
        guard let pairs = FormEncoding.decode(query) else {
            throw .kind(.missingAuthorizationCode, reason: "the callback query is not valid percent-encoding")
        }
        func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
        guard let state = value("state"), !expectedState.isEmpty, ConstantTime.equals(state, expectedState) else {
            throw .kind(.stateMismatch, reason: value("state") == nil ? "the callback has no state" : "the callback's state differs from the session's")
        }
        if let error = value("error") {
            throw .kind(.duoRedirectError, reason: nil, duoCode: error, duoMessage: value("error_description"))
        }
        let codeName = configuration.useDuoCodeAttribute ? "duo_code" : "code"
        guard let code = value(codeName), !code.isEmpty else {
            throw .kind(.missingAuthorizationCode, reason: "the callback has no '\(codeName)' parameter")
        }
        return DuoCallback(code: code, state: state)
    }

    // MARK: Token exchange

    /// Exchanges the one-time code at `POST /oauth/v1/token` and verifies Duo's id_token.
    ///
    /// The id_token must be HS512 with the client secret; `iss` = `https://{host}/oauth/v1/token`;
    /// `aud` = the client ID; `exp` and `iat` present and valid within the leeway (`nbf` when
    /// present); `preferred_username` = `username`; and `nonce` = `nonce` when one is given. The
    /// request is never retried and never sent twice by the transport: the code is single-use.
    /// When the connection drops after the request was sent, the error is
    /// ``DuoWebError/droppedAfterSending`` (Duo may have used the code).
    ///
    /// - Parameters:
    ///   - code: The code from ``callback(from:expectedState:)``.
    ///   - username: The user who started the login.
    ///   - nonce: The nonce stored in the session, if one was sent.
    /// - Returns: The verified result; check ``DuoAuthorization/isAllowed``.
    /// - Throws: A ``DuoWebError`` naming the failed step.
    public func exchangeAuthorizationCode(_ code: String, username: String, nonce: String? = nil) async throws(DuoWebError) -> DuoAuthorization {
        guard !code.isEmpty else { throw .kind(.missingAuthorizationCode, reason: "the authorization code is empty") }
        guard !username.isEmpty else { throw .argument("the username is empty") }
        let url = configuration.tokenURLString
        let assertion = try clientAssertion(audience: url)
        let body = FormEncoding.encode([
            ("grant_type", "authorization_code"), ("code", code),
            ("redirect_uri", configuration.redirectURI.absoluteString),
            ("client_id", configuration.clientID.rawValue),
            ("client_assertion_type", Self.clientAssertionType), ("client_assertion", assertion),
        ])
        // Spends the single-use code: never sent twice (a dropped connection after sending is
        // ``DuoWebError/droppedAfterSending``).
        let response = try await post(url, body: body, isIdempotent: false)
        let json = Self.jsonObject(response.body)
        guard response.status == 200 else {
            if let json, let error = json["error"]?.stringValue {
                throw .kind(.oauthError, reason: "HTTP \(response.status)", duoCode: String(error.prefix(100)),
                            duoMessage: json["error_description"]?.stringValue)
            }
            if response.status != 429, let json, json["stat"]?.stringValue == "FAIL", let message = json["message"]?.stringValue {
                let code: String? = json["code"]?.integerValue.map { String($0) } ?? json["code"]?.stringValue
                throw .kind(.oauthError, reason: "HTTP \(response.status)", duoCode: code, duoMessage: String(message.prefix(300)),
                            duoDetail: json["message_detail"]?.stringValue.map { String($0.prefix(300)) })
            }
            throw Self.statusError(response, bodyIsJSON: json != nil)
        }
        guard let json else { throw .kind(.malformedResponse, reason: "the token answer is not a JSON object") }
        guard let idToken = json["id_token"]?.stringValue, !idToken.isEmpty else {
            throw .kind(.missingIDToken, reason: "the token answer has no 'id_token'")
        }
        let result = try verifyIDToken(idToken, username: username, nonce: nonce)
        configuration.logger.debug("duo token exchange verified", metadata: ["outcome": "\(result.result.result)"])
        return result
    }

    /// Verifies an id_token exactly as ``exchangeAuthorizationCode(_:username:nonce:)`` does.
    ///
    /// - Parameters:
    ///   - idToken: The compact JWT.
    ///   - username: The expected `preferred_username`.
    ///   - nonce: The expected `nonce`, or `nil` to not check it.
    /// - Returns: The decoded result.
    /// - Throws: The id_token ``DuoWebError`` kinds.
    public func verifyIDToken(_ idToken: String, username: String, nonce: String?) throws(DuoWebError) -> DuoAuthorization {
        let verified: VerifiedJWT<[String: JSONValue]>
        do {
            verified = try signer.verifyJSONObject(idToken, validation: idTokenValidation)
        } catch {
            throw .token(error)
        }
        if let exp = verified.registeredClaims.expiresAt, let iat = verified.registeredClaims.issuedAt, exp < iat {
            throw .kind(.tokenExpired, reason: "'exp' is before 'iat'")
        }
        let claims = verified.claims
        guard let preferred = claims["preferred_username"] else {
            throw .kind(.tokenMissingClaim, reason: "the token has no 'preferred_username' claim")
        }
        guard let preferredUsername = preferred.stringValue else { throw .kind(.tokenMalformed, reason: "'preferred_username' is not a string") }
        guard configuration.usernameComparison.matches(username, preferredUsername) else {
            throw .kind(.usernameMismatch, reason: "'preferred_username' is not the user who signed in")
        }
        if let nonce {
            guard let actual = claims["nonce"] else { throw .kind(.nonceMismatch, reason: "the token has no 'nonce' claim") }
            guard let text = actual.stringValue, ConstantTime.equals(text, nonce) else {
                throw .kind(.nonceMismatch, reason: "the token's nonce differs from the one sent")
            }
        }
        guard let resultObject = claims["auth_result"]?.objectValue, let result = AuthResult(json: resultObject) else {
            throw .kind(.tokenMissingClaim, reason: "the token has no 'auth_result.result'")
        }
        let amr: [String]
        if case .array(let values)? = claims["amr"] { amr = values.compactMap(\.stringValue) } else { amr = [] }
        return DuoAuthorization(
            result: result, context: claims["auth_context"]?.objectValue.map(AuthContext.init(json:)),
            authenticationMethods: amr, preferredUsername: preferredUsername,
            authTime: claims["auth_time"]?.integerValue, subject: claims["sub"]?.stringValue, claims: claims)
    }

    // MARK: Client assertion

    /// Signs the client-assertion JWT that ``healthCheck()`` and
    /// ``exchangeAuthorizationCode(_:username:nonce:)`` send: HS512 with the client secret,
    /// `iss` = `sub` = client ID, `aud` = `audience`, `exp` = now + ``DuoWebConfiguration/jwtLifetime``,
    /// `iat` = now, and a fresh 36-character `jti` from the system CSPRNG on every call.
    ///
    /// Use it to send your own request to a Duo OAuth endpoint, or to measure the signing cost.
    ///
    /// - Parameter audience: The endpoint URL the assertion is for, such as
    ///   ``DuoWebConfiguration/tokenURLString``.
    /// - Returns: The compact JWT.
    /// - Throws: ``DuoWebError/invalidArgument`` if the claims cannot be encoded.
    public func makeClientAssertion(audience: String) throws(DuoWebError) -> String {
        try clientAssertion(audience: audience)
    }

    // MARK: Helpers

    /// Signs a client assertion: `iss` = `sub` = client ID, `aud` = endpoint, `exp`, `iat`, 36-character `jti`.
    func clientAssertion(audience: String) throws(DuoWebError) -> String {
        let issued = try now()
        let claims = AssertionClaims(iss: configuration.clientID.rawValue, sub: configuration.clientID.rawValue,
                                     aud: audience, exp: issued + Int64(configuration.jwtLifetime), iat: issued,
                                     jti: SecureRandom.jwtID())
        return signer.sign(payloadJSON: claims.json())
    }

    private func post(_ urlString: String, body: String, isIdempotent: Bool) async throws(DuoWebError) -> HTTPResponse {
        guard let url = URL(string: urlString) else { throw .configuration("the endpoint URL could not be built") }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        // retryPolicy nil: nothing here is retried (the token exchange spends a single-use code).
        let request = HTTPRequest(method: .post, url: url, headers: headers, body: Array(body.utf8),
                                  timeout: configuration.transport.timeout, retryPolicy: nil, isIdempotent: isIdempotent)
        do {
            let response = try await transport.send(request)
            configuration.logger.debug("duo request", metadata: ["path": "\(url.path)", "status": "\(response.status)"])
            return response
        } catch let error as TransportError {
            throw .transport(error)
        } catch let error as DuoWebError {
            throw error
        } catch {
            throw .transportOther(error)
        }
    }

    static func jsonObject(_ body: [UInt8]) -> [String: JSONValue]? {
        // Every answer is read by DuoCore's one strict reader: a repeated key, invalid UTF-8 or
        // a hostile depth or size makes the answer "not JSON", never a second reading of it.
        try? JSONReader.readObject(body)
    }

    static func statusError(_ response: HTTPResponse, bodyIsJSON: Bool) -> DuoWebError {
        if response.status == 429 { return .kind(.rateLimited, reason: "HTTP 429 Too Many Requests") }
        if response.status != 200 { return .kind(.unexpectedHTTPStatus, reason: "HTTP \(response.status)") }
        return .kind(.malformedResponse, reason: bodyIsJSON ? "the answer lacks the expected fields" : "the answer is not JSON")
    }
}

/// The request object's claims (Python's set, plus nonce and the optional claims when set).
struct RequestClaims {
    let responseType: String, scope: String, exp: Int64, clientID: String, redirectURI: String
    let state: String, duoUname: String, iss: String, aud: String, useDuoCodeAttribute: Bool
    let nonce: String?, destAppName: String?, destAppID: String?, displayUsername: String?, maxAge: Int?, prompt: String?

    /// The payload JSON (``JSONWriter``: sorted names, compact).
    func json() -> [UInt8] {
        var members: [(name: String, value: JSONValue)] = [
            ("aud", .string(aud)), ("client_id", .string(clientID)), ("duo_uname", .string(duoUname)),
            ("exp", .integer(exp)), ("iss", .string(iss)), ("redirect_uri", .string(redirectURI)),
            ("response_type", .string(responseType)), ("scope", .string(scope)), ("state", .string(state)),
            ("use_duo_code_attribute", .bool(useDuoCodeAttribute)),
        ]
        let optional: [(String, JSONValue?)] = [
            ("dest_app_id", destAppID.map(JSONValue.string)), ("dest_app_name", destAppName.map(JSONValue.string)),
            ("display_username", displayUsername.map(JSONValue.string)), ("max_age", maxAge.map { .integer(Int64($0)) }),
            ("nonce", nonce.map(JSONValue.string)), ("prompt", prompt.map(JSONValue.string)),
        ]
        for case let (name, value?) in optional { members.append((name, value)) }
        return JSONWriter.object(members)
    }
}

/// A client assertion's claims.
struct AssertionClaims {
    let iss: String, sub: String, aud: String, exp: Int64, iat: Int64, jti: String

    /// The payload JSON (``JSONWriter``: sorted names, compact).
    func json() -> [UInt8] {
        JSONWriter.object([
            ("aud", .string(aud)), ("exp", .integer(exp)), ("iat", .integer(iat)),
            ("iss", .string(iss)), ("jti", .string(jti)), ("sub", .string(sub)),
        ])
    }
}

extension DuoWebClient: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `DuoWebClient(clientID: ..., apiHost: ...)`: the signer's key schedule (as good as the
    /// client secret) is never reflected.
    public var description: String {
        SafeReflection.description("DuoWebClient", ["clientID": configuration.clientID, "apiHost": configuration.apiHost])
    }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The (redacted) configuration only.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["configuration": configuration]) }
}
