public import DuoCore
public import DuoTransport
public import Foundation
import DuoWebSDK

/// Duo's endpoints implemented in-process behind `HTTPTransport`.
///
/// It checks what Duo checks (client assertions: HS512 signature with the client secret,
/// `iss` = `sub` = client ID, `aud` = endpoint URL, `exp`, `jti` not reused; authorization request
/// JWTs), issues real HS512 id_tokens with Duo-shaped claims, keeps codes single-use and
/// short-lived, and lets a test script users (``FakeDuoUser``) and faults (``FakeDuoFault``).
///
/// Endpoints are a routing table keyed by path (``setRoute(_:_:)``), so other APIs (the Auth
/// API, in `FakeDuo+AuthAPI.swift`) plug in beside the Universal Prompt ones, sharing ``users``.
///
/// ```swift
/// let duo = FakeDuo(clientID: id, clientSecret: secret, apiHost: "api-test.duosecurity.com")
/// let client = try DuoWebClient(configuration: configuration, transport: duo)
/// let redirect = try await duo.simulateBrowser(authorizationURL: url)  // the user approves
/// ```
public actor FakeDuo: HTTPTransport {
    /// An endpoint handler.
    public typealias Route = @Sendable (isolated FakeDuo, HTTPRequest) async -> HTTPResponse

    /// The client ID the fake accepts.
    public nonisolated let clientID: String
    /// The API host it plays (`https://{apiHost}/...`).
    public nonisolated let apiHost: String
    /// Other host names that reach the same fake (with ``apiHost``'s port), such as `localhost`
    /// beside `127.0.0.1`. Clients sign, and expect tokens issued for, the host they were given,
    /// so the fake accepts a request addressed to any of them and answers for that host.
    public nonisolated let alternativeHostnames: [String]
    /// ``apiHost``'s host name, lower-cased, then each alternative one.
    nonisolated let hostnames: [String]
    /// ``apiHost``'s port, when it has one.
    nonisolated let port: String?
    let secret: String
    let signer: JWTSigner
    /// The time source for tokens, codes and assertion checks.
    public nonisolated let clock: any WallClock

    /// The scripted users.
    public var users = FakeDuoUserDirectory()
    /// How long an authorization code stays valid (default 60 s).
    public var codeLifetime: TimeInterval = 60

    /// Sets how long authorization codes stay valid.
    public func setCodeLifetime(_ seconds: TimeInterval) { codeLifetime = seconds }
    /// Every request received, in order.
    public private(set) var requests: [HTTPRequest] = []
    /// The last id_token issued, for tests that want to inspect it.
    public private(set) var lastIssuedIDToken: String?

    /// How long an interactive push waits for an answer (default 60 s).
    public internal(set) var pushLifetime: TimeInterval = 60
    var pushes: [String: FakeDuoPromptPush] = [:]

    private var routes: [String: Route] = [:]
    private var faults: [String: FakeDuoFault] = [:]
    private var usedJTIs: Set<String> = []
    private var codes: [String: IssuedCode] = [:]
    private var issuedTokenCount = 0

    struct IssuedCode {
        let username: String
        let nonce: String?
        let redirectURI: String
        let expiresAt: TimeInterval
        var used: Bool
        var outcome: FakeDuoOutcome
        var factor: String
    }

    /// Creates a fake Duo.
    ///
    /// - Parameters:
    ///   - clientID: The client ID it accepts.
    ///   - clientSecret: The client secret (HS512 key).
    ///   - apiHost: The host it plays, `host` or `host:port`.
    ///   - alternativeHostnames: Other names of the same host (default none), for example
    ///     `localhost` for a fake playing `127.0.0.1:8443`.
    ///   - clock: The clock (default the system clock).
    public init(clientID: String, clientSecret: String, apiHost: String, alternativeHostnames: [String] = [],
                clock: any WallClock = SystemWallClock()) throws(DuoError) {
        self.clientID = clientID
        self.apiHost = apiHost
        let (hostname, port) = Self.split(authority: apiHost)
        self.port = port
        var hostnames = [hostname]
        for name in alternativeHostnames.map({ $0.lowercased() }) where !hostnames.contains(name) { hostnames.append(name) }
        self.hostnames = hostnames
        self.alternativeHostnames = Array(hostnames.dropFirst())
        self.secret = clientSecret
        self.signer = JWTSigner(secret: try ClientSecret(clientSecret))
        self.clock = clock
        routes["/oauth/v1/health_check"] = { duo, request in duo.handleHealthCheck(request) }
        routes["/oauth/v1/token"] = { duo, request in duo.handleToken(request) }
    }

    /// `https://{apiHost}`.
    public nonisolated var baseURL: String { "https://\(apiHost)" }

    /// Every `host[:port]` a client may address the fake by: ``apiHost`` first, then each of
    /// ``alternativeHostnames`` with the same port, all lower-cased.
    public nonisolated var authorities: [String] {
        guard let port else { return hostnames }
        return hostnames.map { "\($0):\(port)" }
    }

    /// The authority (`host[:port]`, lower-cased) of a URL when it is one of ``authorities``.
    public nonisolated func acceptedAuthority(of url: URL) -> String? {
        guard let host = url.host?.lowercased() else { return nil }
        let authority = host + (url.port.map { ":\($0)" } ?? "")
        return authorities.contains(authority) ? authority : nil
    }

    /// `https://{authority}` for the authority a request was addressed to, spelled as the client
    /// spelled it (``baseURL`` when it is not one of ``authorities``): the audience its JWTs name
    /// and the issuer of its tokens.
    nonisolated func baseURL(of url: URL) -> String {
        guard acceptedAuthority(of: url) != nil, let host = url.host else { return baseURL }
        return "https://" + host + (url.port.map { ":\($0)" } ?? "")
    }

    /// Splits `host[:port]` into the lower-cased host name and the port digits.
    package static func split(authority: String) -> (hostname: String, port: String?) {
        let lowered = authority.lowercased()
        guard let colon = lowered.lastIndex(of: ":") else { return (lowered, nil) }
        let host = lowered[..<colon], port = lowered[lowered.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }), !host.contains(":") || host.hasSuffix("]") else { return (lowered, nil) }
        return (String(host), String(port))
    }

    var now: TimeInterval { clock.now().timeIntervalSince1970 }

    // MARK: Scripting

    /// Adds or replaces a scripted user.
    public func setUser(_ user: FakeDuoUser) { users.set(user) }

    /// Marks a user enrolled or not enrolled for every face of the fake (see
    /// ``FakeDuoUserDirectory/setEnrolled(_:for:)``).
    public func setEnrolled(_ enrolled: Bool, for username: String) { users.setEnrolled(enrolled, for: username) }

    /// Injects a fault on an endpoint path until cleared (`nil`).
    public func setFault(_ fault: FakeDuoFault?, on path: String) { faults[path] = fault }

    /// Installs or replaces the handler of a path.
    public func setRoute(_ path: String, _ route: @escaping Route) { routes[path] = route }

    /// The fault currently set on a path.
    public func fault(on path: String) -> FakeDuoFault? { faults[path] }

    // MARK: HTTPTransport

    /// Routes a request by path; unknown paths answer 404.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard request.url.scheme == "https", acceptedAuthority(of: request.url) != nil else {
            throw TransportError(.couldNotResolveHost, reason: "FakeDuo serves only \(baseURL)")
        }
        let path = request.url.path
        switch faults[path] {
        case .httpStatus(let status)?: return Self.json(status, [:])
        case .malformedJSON?: return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"stat": "OK", "#.utf8))
        case .transportFailure(let error)?: throw error
        case .rateLimited(let retryAfter, let times)?:
            faults[path] = times > 1 ? .rateLimited(retryAfter: retryAfter, times: times - 1) : nil
            var response = Self.json(429, ["stat": .string("FAIL"), "code": .integer(42901), "message": .string("Too Many Requests")])
            if let retryAfter { response.headers.add(name: "Retry-After", value: String(retryAfter)) }
            return response
        default: break
        }
        guard let route = routes[path] else {
            return Self.json(404, ["stat": .string("FAIL"), "code": .integer(40401), "message": .string("Resource not found")])
        }
        var response = await route(self, request)
        if faults[path] == .truncatedBody { response.body = Array(response.body.prefix(response.body.count / 2)) }
        return response
    }

    // MARK: Client assertions

    /// Checks a client assertion as Duo does; returns an error description, or `nil` when valid.
    func clientAssertionProblem(_ assertion: String?, endpoint: String, clientIDField: String?) -> String? {
        guard let assertion else { return "Missing client_assertion" }
        if let clientIDField, clientIDField != clientID { return "Invalid Client assertion: unknown client_id" }
        let validation = ClaimsValidation(issuer: clientID, audience: endpoint, requiredClaims: [.expiresAt, .subject, .id], leeway: 0, clock: clock)
        let verified: VerifiedJWT<RegisteredClaims>
        do {
            verified = try signer.verify(assertion, as: RegisteredClaims.self, validation: validation)
        } catch {
            if error == .issuerMismatch { return "Invalid Client assertion: The `iss` claim must match the supplied client_id" }
            if error == .audienceMismatch { return "Invalid Client assertion: The `aud` claim is invalid" }
            return "The provided client_assertion was invalid."
        }
        guard verified.claims.subject == clientID else { return "Invalid Client assertion: The `sub` claim must match the supplied client_id" }
        guard let jti = verified.claims.id, !usedJTIs.contains(jti) else { return "Invalid Client assertion: The `jti` claim was already used" }
        usedJTIs.insert(jti)
        return nil
    }

    // MARK: Health check

    func handleHealthCheck(_ request: HTTPRequest) -> HTTPResponse {
        let form = Self.parameters(request)
        if let problem = clientAssertionProblem(form?["client_assertion"], endpoint: baseURL(of: request.url) + "/oauth/v1/health_check",
                                                clientIDField: form?["client_id"] ?? "") {
            return Self.json(200, ["stat": .string("FAIL"), "code": .integer(40002), "message": .string("invalid_client"),
                                   "message_detail": .string(problem), "timestamp": .integer(Int64(now))])
        }
        return Self.json(200, ["stat": .string("OK"), "response": .object(["timestamp": .integer(Int64(now))])])
    }

    // MARK: Browser step

    /// Plays the browser and the user: validates the authorization request as Duo does and
    /// returns the URL Duo would redirect to (with `duo_code`/`code` and `state`, or `error`).
    ///
    /// - Parameter authorizationURL: The URL the application redirected the browser to.
    /// - Returns: The redirect URL back to the application.
    /// - Throws: ``FakeDuoError`` when Duo would refuse to show the prompt.
    public func simulateBrowser(authorizationURL: URL) throws(FakeDuoError) -> URL {
        let request = try authorizationRequest(from: authorizationURL)
        guard users.isEnrolled(request.username) else {
            throw FakeDuoError(message: "\(request.username) is not enrolled: Duo shows the enrollment page, which no scripted browser completes")
        }
        return try completeAuthorization(request, outcome: users.user(named: request.username).outcome)
    }

    /// Validates an authorization request as Duo does before it shows the prompt.
    ///
    /// - Parameter authorizationURL: The URL the application redirected the browser to.
    /// - Returns: What the prompt needs: the user, the redirect URI, `state` and `nonce`.
    /// - Throws: ``FakeDuoError`` when Duo would refuse to show the prompt.
    public func authorizationRequest(from authorizationURL: URL) throws(FakeDuoError) -> FakeDuoAuthorizationRequest {
        func fail(_ message: String) -> FakeDuoError { FakeDuoError(message: message) }
        guard authorizationURL.scheme == "https", acceptedAuthority(of: authorizationURL) != nil,
              authorizationURL.path == "/oauth/v1/authorize",
              let query = FormEncoding.decode(authorizationURL.query ?? "") else { throw fail("not an authorize URL of \(baseURL)") }
        func value(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        guard value("response_type") == "code" else { throw fail("response_type must be code") }
        guard value("client_id") == clientID else { throw fail("unknown client_id") }
        guard let request = value("request") else { throw fail("missing request") }
        let claims = try requestClaims(request)
        guard claims["client_id"]?.stringValue == clientID, claims["response_type"]?.stringValue == "code",
              claims["scope"]?.stringValue == "openid" else { throw fail("request JWT lacks client_id/response_type/scope") }
        guard let redirect = claims["redirect_uri"]?.stringValue, URL(string: redirect) != nil else { throw fail("missing redirect_uri") }
        guard let state = claims["state"]?.stringValue, (16...1024).contains(state.count) else { throw fail("state must be 16 to 1024 characters") }
        guard let username = claims["duo_uname"]?.stringValue, !username.isEmpty else { throw fail("missing duo_uname") }
        let nonce = value("nonce") ?? claims["nonce"]?.stringValue
        let useDuoCode: Bool
        switch claims["use_duo_code_attribute"] {
        case .bool(let flag)?: useDuoCode = flag
        case .string(let text)?: useDuoCode = text == "true"
        default: useDuoCode = false
        }
        return FakeDuoAuthorizationRequest(username: username, redirectURI: redirect, state: state, nonce: nonce, usesDuoCode: useDuoCode)
    }

    /// Verifies a request JWT's signature and claims as Duo does for every official client: `exp`
    /// a number or a numeric string (the .NET client sends text), `iss` the client ID when present
    /// (the Java client omits it), `aud` the API host's URL or the authorize URL when present, by
    /// any of the host's names (a browser may reach the prompt by another name than the one the
    /// application signed).
    private func requestClaims(_ request: String) throws(FakeDuoError) -> [String: JSONValue] {
        func fail(_ message: String) -> FakeDuoError { FakeDuoError(message: "invalid request JWT: " + message) }
        let payload: [UInt8]
        do {
            payload = try signer.verifySignature(request).payloadJSON
        } catch {
            throw fail("\(error.code)")
        }
        guard let claims = try? JSONDecoder().decode([String: JSONValue].self, from: Data(payload)) else { throw fail("claims are not a JSON object") }
        guard let expiry = Self.numericDate(claims["exp"]) else { throw fail("missing exp") }
        guard now < expiry else { throw fail("expired") }
        if let notBefore = claims["nbf"] {
            guard let start = Self.numericDate(notBefore), now >= start else { throw fail("not yet valid") }
        }
        if let issuer = claims["iss"], issuer.stringValue != clientID { throw fail("iss must be the client ID") }
        if let audience = claims["aud"] {
            let named: [String] = switch audience {
            case .string(let one): [one]
            case .array(let many): many.compactMap(\.stringValue)
            default: []
            }
            let accepted = authorities.flatMap { ["https://" + $0, "https://" + $0 + "/oauth/v1/authorize"] }
            guard named.contains(where: { accepted.contains($0.lowercased()) }) else { throw fail("aud must be \(baseURL)") }
        }
        return claims
    }

    /// A NumericDate claim: a number, or a string of digits.
    static func numericDate(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let seconds)?: Double(seconds)
        case .double(let seconds)? where seconds.isFinite: seconds
        case .string(let text)?: Double(text).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// Ends a prompt with an outcome: issues a single-use code (whose id_token reports `outcome`
    /// and `factor`) or, for ``FakeDuoOutcome/errorRedirect(error:description:)``, an error, and
    /// returns the URL Duo redirects the browser to.
    ///
    /// - Parameters:
    ///   - request: A request from ``authorizationRequest(from:)``.
    ///   - outcome: What the user did.
    ///   - factor: The `auth_context.factor` to report (default `duo_push`).
    /// - Returns: The redirect URL back to the application.
    /// - Throws: ``FakeDuoError`` when the redirect URI cannot carry the answer.
    public func completeAuthorization(_ request: FakeDuoAuthorizationRequest, outcome: FakeDuoOutcome,
                                      factor: String = "duo_push") throws(FakeDuoError) -> URL {
        var back: [(String, String)]
        if case .errorRedirect(let error, let description) = outcome {
            back = [("error", error), ("error_description", description), ("state", request.state)]
        } else {
            let code = SecureRandom.nonce()
            codes[code] = IssuedCode(username: request.username, nonce: request.nonce, redirectURI: request.redirectURI,
                                     expiresAt: now + codeLifetime, used: false, outcome: outcome, factor: factor)
            back = [(request.usesDuoCode ? "duo_code" : "code", code), ("state", request.state)]
        }
        let separator = URL(string: request.redirectURI)?.query == nil ? "?" : "&"
        guard let url = URL(string: request.redirectURI + separator + FormEncoding.encode(back)) else {
            throw FakeDuoError(message: "bad redirect_uri")
        }
        return url
    }

    // MARK: Token

    func handleToken(_ request: HTTPRequest) -> HTTPResponse {
        func oauth(_ error: String, _ description: String) -> HTTPResponse {
            Self.json(400, ["error": .string(error), "error_description": .string(description)])
        }
        // Duo reads the fields from the query string (Duo's Python client sends them there, with
        // an empty body), a form-encoded body, or a multipart body (Duo's PHP client).
        guard let form = Self.parameters(request) else { return oauth("invalid_request", "The request body is not form-encoded.") }
        let base = baseURL(of: request.url)
        guard form["grant_type"] == "authorization_code" else { return oauth("unsupported_grant_type", "grant_type must be authorization_code") }
        guard form["client_assertion_type"] == DuoWebClient.clientAssertionType else { return oauth("invalid_client", "Invalid client_assertion_type") }
        if let problem = clientAssertionProblem(form["client_assertion"], endpoint: base + "/oauth/v1/token", clientIDField: form["client_id"]) {
            return oauth("invalid_client", problem)
        }
        let invalidGrant = "The provided authorization grant or refresh token is invalid, expired, revoked, does not match the redirection URI."
        guard let code = form["code"], var issued = codes[code], !issued.used, issued.expiresAt > now,
              issued.redirectURI == form["redirect_uri"] else { return oauth("invalid_grant", invalidGrant) }
        issued.used = true
        codes[code] = issued
        let fault = faults["/oauth/v1/token"]
        guard fault != .missingIDToken else {
            return Self.json(200, ["access_token": .string(SecureRandom.nonce()), "expires_in": .integer(3600), "token_type": .string("Bearer")])
        }
        var user = users.user(named: issued.username)
        user.outcome = issued.outcome
        let token = makeIDToken(for: user, nonce: issued.nonce, factor: issued.factor, base: base, fault: fault)
        lastIssuedIDToken = token
        return Self.json(200, ["id_token": .string(token), "access_token": .string(SecureRandom.nonce()),
                               "expires_in": .integer(3600), "token_type": .string("Bearer")])
    }

    /// Builds the Duo-shaped id_token claims for a user and outcome.
    public func idTokenClaims(for user: FakeDuoUser, nonce: String?, factor: String = "duo_push") -> [String: JSONValue] {
        idTokenClaims(for: user, nonce: nonce, factor: factor, base: baseURL)
    }

    /// The claims of an id_token issued by `base` (`https://{authority}` the token request used).
    func idTokenClaims(for user: FakeDuoUser, nonce: String?, factor: String, base: String) -> [String: JSONValue] {
        let issued = Int64(now)
        issuedTokenCount += 1
        // A deterministic, UUID-shaped txid: with a fixed clock, the same script gives the same token.
        let counter = String(issuedTokenCount)
        let txid = "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - counter.count)) + counter
        let (result, status, message, reason): (String, String, String, String) = switch user.outcome {
        case .allow: ("allow", "allow", "Login Successful", "user_approved")
        case .deny: ("deny", "deny", "Login denied", "user_cancelled")
        case .timeout: ("deny", "timeout", "Login timed out", "user_timeout")
        case .fraud: ("deny", "fraud", "User marked request as fraudulent", "user_marked_fraud")
        case .errorRedirect: ("deny", "deny", "Login denied", "error")
        }
        let location: JSONValue = .object(["city": .string("Ann Arbor"), "state": .string("Michigan"), "country": .string("United States")])
        var claims: [String: JSONValue] = [
            "iss": .string(base + "/oauth/v1/token"), "aud": .string(clientID), "sub": .string(user.username),
            "exp": .integer(issued + 300), "iat": .integer(issued), "auth_time": .integer(issued),
            "preferred_username": .string(user.preferredUsername ?? user.username),
            "amr": .array(result == "allow" ? [.string("mfa"), .string("pwd")] : []),
            "auth_result": .object(["result": .string(result), "status": .string(status), "status_msg": .string(message)]),
            "auth_context": .object([
                "txid": .string(txid), "timestamp": .integer(issued),
                "isotimestamp": .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(issued)))),
                "event_type": .string("authentication"), "factor": .string(factor),
                "result": .string(result == "allow" ? "success" : (status == "fraud" ? "fraud" : "denied")), "reason": .string(reason),
                "alias": .string(""), "email": .null, "ood_software": .null, "trusted_endpoint_status": .string("unknown"),
                "user": .object(["name": .string(user.username), "key": .string("DU" + String(repeating: "X", count: 18)), "groups": .array([])]),
                "application": .object(["name": .string("Web SDK 4"), "key": .string(clientID)]),
                "auth_device": .object(["ip": .string("192.0.2.10"), "name": .string("iPhone"), "location": location]),
                "access_device": .object([
                    "ip": .string("192.0.2.20"), "hostname": .null, "location": location, "browser": .string("Firefox"),
                    "browser_version": .string("130.0"), "flash_version": .string("uninstalled"), "java_version": .string("uninstalled"),
                    "os": .string("Linux"), "os_version": .string("6"), "epkey": .null,
                    "is_encryption_enabled": .string("unknown"), "is_firewall_enabled": .bool(true), "is_password_set": .bool(false),
                ]),
            ]),
        ]
        if let nonce { claims["nonce"] = .string(nonce) }
        return claims
    }

    func makeIDToken(for user: FakeDuoUser, nonce: String?, factor: String = "duo_push", base: String, fault: FakeDuoFault?) -> String {
        var claims = idTokenClaims(for: user, nonce: nonce, factor: factor, base: base)
        let issued = Int64(now)
        switch fault {
        case .expired?: claims["exp"] = .integer(issued - 600); claims["iat"] = .integer(issued - 900)
        case .notYetValid?: claims["nbf"] = .integer(issued + 600)
        case .issuedInFuture?: claims["iat"] = .integer(issued + 600); claims["exp"] = .integer(issued + 900)
        case .wrongIssuer?: claims["iss"] = .string("https://api-other.duosecurity.com/oauth/v1/token")
        case .wrongAudience?: claims["aud"] = .string("DIOTHERCLIENTIDXXXXX")
        case .wrongNonce?: claims["nonce"] = .string("wrong-nonce-wrong-nonce-wrong-nonce")
        case .missingNonce?: claims["nonce"] = nil
        case .wrongUsername?: claims["preferred_username"] = .string("someone-else")
        case .missingExpiry?: claims["exp"] = nil
        case .missingIssuedAt?: claims["iat"] = nil
        case .missingPreferredUsername?: claims["preferred_username"] = nil
        default: break
        }
        let payload = Self.encode(.object(claims))
        switch fault {
        case .badSignature?:
            return JWTSigner(key: Array("wrongsecretwrongsecretwrongsecretwrongse".utf8)).sign(payloadJSON: payload)
        case .algorithmNone?:
            return Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(payload) + "."
        case .algorithmHS256?:
            let signingInput = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(payload)
            let mac = MessageAuthenticator(.sha256, key: Array(secret.utf8)).authenticationCode(for: Array(signingInput.utf8))
            return signingInput + "." + Base64URL.encode(mac)
        default:
            return signer.sign(payloadJSON: payload)
        }
    }

    // MARK: Helpers

    static func encode(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(value))) ?? Array("{}".utf8)
    }

    /// A JSON answer.
    public static func json(_ status: Int, _ object: [String: JSONValue]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: encode(.object(object)))
    }

    /// The fields of a request as Duo's OAuth endpoints read them: the query string's, then the
    /// body's (form-encoded, or `multipart/form-data`); the first value of a name wins. `nil` when
    /// the query or the body is malformed.
    static func parameters(_ request: HTTPRequest) -> [String: String]? {
        var pairs: [(String, String)] = []
        if let query = request.url.query(percentEncoded: true), !query.isEmpty {
            guard let decoded = FormEncoding.decode(query) else { return nil }
            pairs += decoded
        }
        let contentType = request.headers["Content-Type"] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let fields = MultipartFormData.fields(of: request.body, contentType: contentType) else { return nil }
            pairs += fields
        } else if !request.body.isEmpty {
            guard let text = String(validating: request.body, as: UTF8.self), let decoded = FormEncoding.decode(text) else { return nil }
            pairs += decoded
        }
        var result: [String: String] = [:]
        for (name, value) in pairs where result[name] == nil { result[name] = value }
        return result
    }

    /// The request's form body as a dictionary (first value wins), or `nil` if malformed.
    public static func form(_ request: HTTPRequest) -> [String: String]? {
        guard let text = String(validating: request.body, as: UTF8.self), let pairs = FormEncoding.decode(text) else { return nil }
        var result: [String: String] = [:]
        for (name, value) in pairs where result[name] == nil { result[name] = value }
        return result
    }
}
