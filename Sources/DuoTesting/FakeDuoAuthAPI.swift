import DuoAuthAPI
public import DuoCore
import DuoTransport
public import Foundation

/// Duo's Auth API v2 implemented in-process, installed on a ``FakeDuo`` (sharing its routing,
/// user outcomes and faults).
///
/// Every signed request is verified as Duo does: the integration key, the HMAC signature under
/// v2 (HMAC-SHA1 or HMAC-SHA512, form or query parameters) or v5 (JSON body hash and `X-Duo-*`
/// header hash) over the host the client was given (any of ``FakeDuo/authorities``, with or
/// without the port), then a fresh `Date` (`Date` or `X-Duo-Date`). Users are scripted with
/// ``FakeDuoAuthAccount`` (state, devices, passcodes, push progress) and the shared
/// ``FakeDuoUserDirectory`` (``FakeDuoUser/outcome``: approve, deny, timeout, fraud; enrolled or
/// not), so a user the directory marks unenrolled is unenrolled here too, and a scripted deny
/// denies every factor.
///
/// ```swift
/// let (duo, authAPI) = try await FakeDuoAuthAPI.make(integrationKey: ikey, secretKey: skey, apiHost: "api-test.duosecurity.com")
/// await duo.setUser(FakeDuoUser(username: "alice", outcome: .deny))
/// let client = DuoAuthClient(configuration: configuration, transport: duo)
/// ```
public actor FakeDuoAuthAPI {
    /// The integration key accepted.
    public nonisolated let integrationKey: String
    /// The host name signed into requests (lower-cased, no port).
    public nonisolated let hostname: String
    private let verifiers: [String: DuoRequestSigner]
    /// The clock for `Date` checks, `time` fields and expirations.
    public nonisolated let clock: any WallClock
    /// How far a request's `Date` may be from the fake's clock (default 300 s).
    public var allowedClockSkew: TimeInterval = 300
    /// How many `/enroll_status` polls answer `waiting` before `success` (default 1).
    public var pollsBeforeActivation = 1
    /// The logo served by `/auth/v2/logo` (`nil`: an error envelope).
    public var logo: [UInt8]?

    /// The signature version of each verified request, in order (2 or 5).
    public private(set) var verifiedSignatureVersions: [Int] = []
    /// The `Date` header of each verified request.
    public private(set) var verifiedDates: [String] = []
    /// Every push/phone/auto authentication received.
    public private(set) var pushes: [FakeDuoPush] = []
    /// Parameters of the last verified request, decoded.
    public private(set) var lastParameters: [String: String] = [:]

    private var accounts: [String: FakeDuoAuthAccount] = [:]
    /// The host forms a signature may cover: the host name alone and with the port, for each name.
    private var signingHosts: [String]
    /// The `host[:port]` it plays, lower-cased, for the URLs it hands out.
    private let authority: String
    /// The usernames behind the user IDs `/enroll` made.
    private var userIDs: [String: String] = [:]
    private var transactions: [String: [FakeStatus]] = [:]
    private var enrollments: [String: (username: String, code: String, polls: Int, expires: TimeInterval)] = [:]
    private var counter = 0

    struct FakeStatus { let result: String; let status: String; let message: String }

    /// Creates the Auth API fake.
    ///
    /// - Parameters:
    ///   - integrationKey: The ikey it accepts.
    ///   - secretKey: The skey it verifies signatures with.
    ///   - apiHost: The host it plays (`host` or `host:port`).
    ///   - clock: The clock (default the system clock).
    public init(integrationKey: String, secretKey: String, apiHost: String, clock: any WallClock = SystemWallClock()) throws(DuoError) {
        let ikey = try IntegrationKey(integrationKey)
        let skey = try SecretKey(secretKey)
        self.integrationKey = integrationKey
        let hostname = try APIHost(apiHost).hostname
        self.hostname = hostname
        self.authority = apiHost.lowercased()
        if let port = FakeDuo.split(authority: apiHost).port {
            self.signingHosts = [hostname, "\(hostname):\(port)"]
        } else {
            self.signingHosts = [hostname]
        }
        self.clock = clock
        verifiers = [
            "2-sha1": DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v2(.sha1)),
            "2-sha512": DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v2),
            "5": DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v5),
        ]
    }

    /// A ``FakeDuo`` playing `apiHost` with this Auth API installed.
    public static func make(integrationKey: String, secretKey: String, apiHost: String,
                            clock: any WallClock = SystemWallClock()) async throws(DuoError) -> (FakeDuo, FakeDuoAuthAPI) {
        let duo = try FakeDuo(clientID: "DIFAKEUNIVERSAL00001", clientSecret: "fakeduofakeduofakeduofakeduofakeduofake0", apiHost: apiHost, clock: clock)
        return (duo, try await duo.installAuthAPI(integrationKey: integrationKey, secretKey: secretKey))
    }

    /// Installs the `/auth/v2/*` routes on a ``FakeDuo``; signatures over any of the fake's host
    /// names are then accepted.
    public nonisolated func install(on duo: FakeDuo) async {
        await acceptSignatures(over: duo.hostnames, port: duo.port)
        for endpoint in ["ping", "check", "logo", "enroll", "enroll_status", "preauth", "auth", "auth_status"] {
            let path = "/auth/v2/" + endpoint
            await duo.setRoute(path) { duo, request in
                let answer = await self.handle(endpoint, request, users: duo.users)
                if let change = answer.enrollment { duo.users.setEnrolled(change.enrolled, for: change.username) }
                return answer.response
            }
        }
    }

    private func acceptSignatures(over hostnames: [String], port: String?) {
        var hosts: [String] = []
        for name in [hostname] + hostnames {
            for form in [name] + (port.map { ["\(name):\($0)"] } ?? []) where !hosts.contains(form) { hosts.append(form) }
        }
        signingHosts = hosts
    }

    // MARK: Scripting

    /// Adds or replaces an account.
    public func setAccount(_ account: FakeDuoAuthAccount) { accounts[account.username] = account }
    /// Sets how many enroll_status polls answer `waiting`.
    public func setPollsBeforeActivation(_ count: Int) { pollsBeforeActivation = count }
    /// Sets the logo.
    public func setLogo(_ bytes: [UInt8]?) { logo = bytes }
    /// The account of a username. Unknown users are active with one phone and passcode 123456,
    /// not enrolled (no device) when the shared directory says so, or locked out when its
    /// `rejectsUnknownUsers` is set.
    public func account(_ username: String, users: FakeDuoUserDirectory = FakeDuoUserDirectory()) -> FakeDuoAuthAccount {
        if let account = accounts[username] { return account }
        if !users.isEnrolled(username) { return FakeDuoAuthAccount(username: username, state: .notEnrolled, devices: [], passcodes: []) }
        return FakeDuoAuthAccount(username: username, state: users.rejectsUnknownUsers ? .lockedOut : .active)
    }

    // MARK: Handling

    private var now: TimeInterval { clock.now().timeIntervalSince1970 }

    private func ok(_ response: JSONValue) -> HTTPResponse { FakeDuo.json(200, ["stat": .string("OK"), "response": response]) }

    private func fail(_ status: Int, _ code: Int, _ message: String, _ detail: String? = nil) -> HTTPResponse {
        var object: [String: JSONValue] = ["stat": .string("FAIL"), "code": .integer(Int64(code)), "message": .string(message)]
        if let detail { object["message_detail"] = .string(detail) }
        return FakeDuo.json(status, object)
    }

    /// An endpoint's answer, and the change it makes to the shared user directory (a user
    /// `/enroll` created is not enrolled; one whose activation succeeded is).
    struct Answer {
        var response: HTTPResponse
        var enrollment: (username: String, enrolled: Bool)?
    }

    func handle(_ endpoint: String, _ request: HTTPRequest, users: FakeDuoUserDirectory) -> Answer {
        if endpoint == "ping" { return Answer(response: ok(.object(["time": .integer(Int64(now))]))) }
        let parameters: [(String, String)]
        switch verify(request) {
        case .failure(let error): return Answer(response: error.response)
        case .success(let decoded): parameters = decoded
        }
        var params: [String: String] = [:]
        for (name, value) in parameters where params[name] == nil { params[name] = value }
        lastParameters = params
        switch endpoint {
        case "check": return Answer(response: ok(.object(["time": .integer(Int64(now))])))
        case "logo":
            guard let logo else { return Answer(response: fail(404, 40401, "Resource not found", "No logo configured")) }
            return Answer(response: HTTPResponse(status: 200, headers: ["Content-Type": "image/png"], body: logo))
        case "enroll": return enroll(params, users: users)
        case "enroll_status": return enrollStatus(params)
        case "preauth": return Answer(response: preauth(params, users: users))
        case "auth": return Answer(response: auth(params, users: users))
        case "auth_status": return Answer(response: authStatus(params))
        default: return Answer(response: fail(404, 40401, "Resource not found"))
        }
    }

    /// Verifies ikey and signature, then the Date; returns the decoded parameters.
    ///
    /// The signature covers the raw `Date` text, so it is checked first: the text of a request
    /// whose signature is not good is never parsed.
    private func verify(_ request: HTTPRequest) -> Result<[(String, String)], ResponseError> {
        func unauthorized(_ code: Int, _ message: String) -> Result<[(String, String)], ResponseError> {
            .failure(ResponseError(response: fail(401, code, message)))
        }
        func invalid(_ detail: String? = nil) -> Result<[(String, String)], ResponseError> {
            .failure(ResponseError(response: fail(400, 40002, "Invalid request parameters", detail)))
        }
        // The auth-scheme is case-insensitive (RFC 9110).
        guard let header = request.headers["Authorization"], header.utf8.count > 6, header.prefix(6).lowercased() == "basic ",
              let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
                .flatMap({ String(data: $0, encoding: .utf8) }),
              let colon = decoded.firstIndex(of: ":") else { return unauthorized(40101, "Missing request credentials") }
        let ikey = String(decoded[..<colon]), signature = String(decoded[decoded.index(after: colon)...])
        guard ikey == integrationKey else { return unauthorized(40102, "Invalid integration key in request credentials") }
        // Clients send the signed date as `Date` or as `X-Duo-Date`; either may be the signed one.
        let dates = [request.headers["X-Duo-Date"], request.headers["Date"]].compactMap { $0 }
        guard !dates.isEmpty else { return unauthorized(40105, "Missing request timestamp") }
        let method = request.method.rawValue, path = request.url.path
        let query = request.url.query(percentEncoded: true) ?? ""
        var xDuo: [(String, String)] = []
        for field in request.headers where field.name.lowercased().hasPrefix("x-duo-") { xDuo.append((field.name, field.value)) }
        let isJSON = request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true
        // Each candidate: which verifier, and the canonical string for one date and one host.
        var canonicalForms: [(key: String, version: Int, make: (String, String) -> String?)] = []
        var parameters: [(String, String)] = []
        if request.method == .get || request.method == .delete {
            guard let pairs = DuoPercentEncoding.decodePairs(query) else { return invalid() }
            parameters = pairs
            let line5 = DuoParameters(pairs).canonicalString
            let v2: (String, String) -> String? = { date, host in
                try? DuoRequestSigner.canonicalString(date: date, method: method, host: host, path: path, canonicalParameters: line5, version: .v2)
            }
            canonicalForms = [("2-sha1", 2, v2), ("2-sha512", 2, v2), ("5", 5, { date, host in
                try? DuoRequestSigner.canonicalString(date: date, method: method, host: host, path: path, canonicalParameters: line5,
                                                      xDuoHeaders: xDuo, version: .v5)
            })]
        } else if isJSON {
            guard query.isEmpty, let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(request.body)) else {
                return invalid("body is not a JSON object")
            }
            for (name, value) in object {
                // Duo takes a JSON scalar as its text (Duo's Python client sends Booleans such as
                // `client_supports_verified_push` as JSON `true`); it has no text for a list or an object.
                switch value {
                case .string(let text): parameters.append((name, text))
                case .bool(let flag): parameters.append((name, flag ? "true" : "false"))
                case .integer(let number): parameters.append((name, String(number)))
                case .double(let number) where number.isFinite: parameters.append((name, String(number)))
                case .null: continue
                default: return invalid("\(name) must be a string")
                }
            }
            let body = request.body
            canonicalForms = [("5", 5, { date, host in
                try? DuoRequestSigner.canonicalString(date: date, method: method, host: host, path: path, canonicalParameters: "", body: body,
                                                      xDuoHeaders: xDuo, version: .v5)
            })]
        } else {
            guard query.isEmpty, let text = String(validating: request.body, as: UTF8.self), let pairs = DuoPercentEncoding.decodePairs(text) else {
                return invalid()
            }
            parameters = pairs
            let line5 = DuoParameters(pairs).canonicalString
            let v2: (String, String) -> String? = { date, host in
                try? DuoRequestSigner.canonicalString(date: date, method: method, host: host, path: path, canonicalParameters: line5, version: .v2)
            }
            canonicalForms = [("2-sha1", 2, v2), ("2-sha512", 2, v2)]
        }
        for form in canonicalForms {
            guard let verifier = verifiers[form.key], signature.utf8.count == verifier.version.algorithm.digestByteCount * 2 else { continue }
            for date in dates {
                for host in signingHosts {
                    guard let canonical = form.make(date, host), verifier.isValid(signature: signature, for: canonical) else { continue }
                    // Only now, with the signature good, is the Date text parsed.
                    guard let parsed = try? DuoDate.parse(date), abs(parsed.timeIntervalSince1970 - now) <= allowedClockSkew else {
                        return unauthorized(40105, "Request timestamp is too old")
                    }
                    verifiedSignatureVersions.append(form.version)
                    verifiedDates.append(date)
                    return .success(parameters)
                }
            }
        }
        return unauthorized(40103, "Invalid signature in request credentials")
    }

    struct ResponseError: Error { let response: HTTPResponse }

    private func nextID(_ prefix: String, length: Int) -> String {
        counter += 1
        let digits = String(counter)
        return prefix + String(repeating: "0", count: max(0, length - prefix.count - digits.count)) + digits
    }

    private func enroll(_ params: [String: String], users: FakeDuoUserDirectory) -> Answer {
        let username = params["username"] ?? nextID("user", length: 12)
        if let existing = accounts[username], existing.state != .notEnrolled {
            return Answer(response: fail(400, 40002, "Invalid request parameters", "username already exists"))
        }
        let seconds = params["valid_secs"].flatMap(Int.init) ?? 86_400
        // Bounded so the expiry stays a representable time.
        guard (0...315_360_000).contains(seconds) else {
            return Answer(response: fail(400, 40002, "Invalid request parameters", "valid_secs must be 0 to 315360000"))
        }
        let userID = nextID("DU", length: 20)
        let code = "duo://" + SecureRandom.nonce()
        let expires = now + TimeInterval(seconds)
        enrollments[userID] = (username, code, 0, expires)
        userIDs[userID] = username
        accounts[username] = FakeDuoAuthAccount(username: username, state: .notEnrolled, devices: [], passcodes: [])
        let barcode = "https://\(authority)/frame/qr?value=" + DuoPercentEncoding.encode(code)
        return Answer(response: ok(.object([
            "username": .string(username), "user_id": .string(userID), "activation_code": .string(code),
            "activation_url": .string("https://m-\(hostname)/activate/" + String(code.dropFirst(6))),
            "activation_barcode": .string(barcode), "expiration": .integer(Int64(expires)),
        ])), enrollment: (username, false))
    }

    private func enrollStatus(_ params: [String: String]) -> Answer {
        guard let userID = params["user_id"], let code = params["activation_code"] else {
            return Answer(response: fail(400, 40002, "Invalid request parameters", "user_id and activation_code are required"))
        }
        guard var enrollment = enrollments[userID], enrollment.code == code, enrollment.expires > now else { return Answer(response: ok(.string("invalid"))) }
        enrollment.polls += 1
        enrollments[userID] = enrollment
        if enrollment.polls <= pollsBeforeActivation { return Answer(response: ok(.string("waiting"))) }
        if var account = accounts[enrollment.username], account.state == .notEnrolled {
            account.state = .active
            account.devices = [.phone]
            account.passcodes = FakeDuoAuthAccount(username: account.username).passcodes
            accounts[enrollment.username] = account
        }
        return Answer(response: ok(.string("success")), enrollment: (enrollment.username, true))
    }

    /// The username named by `username` or `user_id` (exactly one of them); a user ID `/enroll`
    /// made names its user.
    private func username(_ params: [String: String]) -> String? {
        if params["username"] != nil, params["user_id"] != nil { return nil }
        if let userID = params["user_id"] { return userIDs[userID] ?? userID }
        return params["username"]
    }

    private func preauth(_ params: [String: String], users: FakeDuoUserDirectory) -> HTTPResponse {
        guard let name = username(params) else { return fail(400, 40002, "Invalid request parameters", "username or user_id is required") }
        let account = account(name, users: users)
        switch account.state {
        case .bypass: return ok(.object(["result": .string("allow"), "status_msg": .string("Allowing unknown user")]))
        case .lockedOut: return ok(.object(["result": .string("deny"), "status_msg": .string("Your account is disabled.")]))
        case .notEnrolled:
            return ok(.object(["result": .string("enroll"), "status_msg": .string("Enroll an authentication device to proceed"),
                               "enroll_portal_url": .string("https://\(authority)/portal?code=fake")]))
        case .active:
            let devices: [JSONValue] = account.devices.map { device in
                .object(["device": .string(device.id), "type": .string(device.type), "display_name": .string(device.displayName),
                         "name": .string(""), "number": .string("XXX-XXX-0100"),
                         "capabilities": .array(device.capabilities.map(JSONValue.string))])
            }
            return ok(.object(["result": .string("auth"), "status_msg": .string("Account is active"), "devices": .array(devices)]))
        }
    }

    private func auth(_ params: [String: String], users: FakeDuoUserDirectory) -> HTTPResponse {
        guard let name = username(params) else { return fail(400, 40002, "Invalid request parameters", "username or user_id is required") }
        guard let factor = params["factor"] else { return fail(400, 40002, "Invalid request parameters", "factor is required") }
        let isAsync = params["async"] == "1"
        var account = account(name, users: users)
        func answer(_ statuses: [FakeStatus]) -> HTTPResponse {
            guard isAsync else {
                let last = statuses[statuses.count - 1]
                return ok(.object(["result": .string(last.result), "status": .string(last.status), "status_msg": .string(last.message)]))
            }
            let txid = nextID("00000000-0000-4000-8000-", length: 36)
            transactions[txid] = statuses
            return ok(.object(["txid": .string(txid)]))
        }
        switch account.state {
        case .bypass: return answer([FakeStatus(result: "allow", status: "bypass", message: "Allowing unknown user")])
        case .lockedOut: return answer([FakeStatus(result: "deny", status: "locked_out", message: "Your account is disabled.")])
        case .notEnrolled: return answer([FakeStatus(result: "deny", status: "deny", message: "Enroll an authentication device first.")])
        case .active: break
        }
        switch factor {
        case "passcode":
            guard let passcode = params["passcode"] else { return fail(400, 40002, "Invalid request parameters", "passcode is required") }
            // A user scripted to refuse (deny, timeout, fraud, error) refuses every factor.
            if let scripted = users.scriptedUser(named: name), scripted.outcome != .allow {
                return answer([FakeStatus(result: "deny", status: "deny", message: "Login request denied.")])
            }
            guard account.passcodes.contains(passcode) else {
                return answer([FakeStatus(result: "deny", status: "deny", message: "Incorrect passcode. Please try again.")])
            }
            account.passcodes.remove(passcode)
            accounts[name] = account
            return answer([FakeStatus(result: "allow", status: "allow", message: "Success. Logging you in...")])
        case "push", "auto", "phone", "sms":
            let needed = factor == "auto" ? "auto" : factor
            let device = params["device"] ?? ""
            guard account.devices.contains(where: { ($0.id == device || device == "auto") && $0.capabilities.contains(needed) }) else {
                return fail(400, 40002, "Invalid request parameters", "no capable device")
            }
            if factor == "sms" { return answer([FakeStatus(result: "deny", status: "sent", message: "New SMS passcodes sent.")]) }
            let pushInfo = params["pushinfo"].flatMap { DuoPercentEncoding.decodePairs($0) } ?? []
            pushes.append(FakeDuoPush(username: name, factor: factor, device: device, type: params["type"],
                                      displayUsername: params["display_username"], pushInfo: pushInfo.map { [$0.0, $0.1] }, isAsync: isAsync))
            let progressMessage = factor == "phone" ? "Calling your phone..." : "Pushed a login request to your device..."
            var statuses = (factor == "phone" ? ["calling", "answered"] : account.progress).map {
                FakeStatus(result: "waiting", status: $0, message: progressMessage)
            }
            let final: FakeStatus = switch users.user(named: name).outcome {
            case .allow: FakeStatus(result: "allow", status: "allow", message: "Success. Logging you in...")
            case .deny, .errorRedirect: FakeStatus(result: "deny", status: "deny", message: "Login request denied.")
            case .timeout: FakeStatus(result: "deny", status: "timeout", message: "Login timed out.")
            case .fraud: FakeStatus(result: "deny", status: "fraud", message: "Login request reported as fraudulent.")
            }
            statuses.append(final)
            return answer(statuses)
        default:
            return fail(400, 40002, "Invalid request parameters", "unknown factor")
        }
    }

    private func authStatus(_ params: [String: String]) -> HTTPResponse {
        guard let txid = params["txid"], var statuses = transactions[txid], !statuses.isEmpty else {
            return fail(400, 40002, "Invalid request parameters", "unknown txid")
        }
        let next = statuses.removeFirst()
        transactions[txid] = statuses.isEmpty ? [next] : statuses
        var object: [String: JSONValue] = ["result": .string(next.result), "status": .string(next.status), "status_msg": .string(next.message),
                                           "auth_delayed": .bool(false)]
        if next.result == "allow" { object["trusted_device_token"] = .string("fake-trusted-device-token") }
        return ok(.object(object))
    }
}
