public import DuoCore
public import DuoTransport
import Foundation
import Logging

/// A client of Duo's Auth API v2: push, passcode, phone and SMS authentication, preauth and
/// enrollment, with every request signed (v5 by default, v2 on request).
///
/// Only HTTP 429 is retried, on Duo's schedule (``DuoAuthConfiguration/retryPolicy``), with a
/// fresh `Date` and signature on every attempt. 5xx answers, timeouts and malformed bodies are
/// never retried: a repeated `/auth` would push to the user's phone twice or spend a passcode.
///
/// ```swift
/// let client = try DuoAuthClient(configuration: DuoAuthConfiguration(
///     integrationKey: ikey, secretKey: skey, apiHost: "api-xxxxxxxx.duosecurity.com"))
/// let pre = try await client.preauth(.username("alice"), options: .init())
/// if pre.result == .auth {
///     for try await update in client.push(username: "alice") { print(update.statusMessage) }
/// }
/// ```
public final class DuoAuthClient: DuoAuthenticating, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The settings in use.
    public let configuration: DuoAuthConfiguration
    let signer: DuoRequestSigner
    let transport: any HTTPTransport
    let timing: any RetryTiming
    let clock: any WallClock

    /// Creates a client over libcurl with the configuration's trust, proxy and limits.
    ///
    /// - Throws: `TransportError` when the transport cannot be set up (for
    ///   example an unreadable CA bundle).
    public convenience init(configuration: DuoAuthConfiguration) throws {
        self.init(configuration: configuration, transport: try CurlTransport(configuration: configuration.transport))
    }

    /// Creates a client over any transport: a test double, `FakeDuo` from `DuoTesting`, or your own.
    ///
    /// - Parameters:
    ///   - configuration: Keys, host, version, retries, timeouts.
    ///   - transport: Sends the requests.
    ///   - timing: Clock, sleeper and jitter for retries and flows (inject for fast tests).
    ///   - clock: The wall clock for `Date` headers (inject to correct a skewed host clock).
    public init(configuration: DuoAuthConfiguration, transport: any HTTPTransport,
                timing: any RetryTiming = SystemRetryTiming(), clock: any WallClock = SystemWallClock()) {
        self.configuration = configuration
        self.signer = DuoRequestSigner(integrationKey: configuration.integrationKey, secretKey: configuration.secretKey,
                                       version: configuration.signatureVersion)
        self.transport = transport
        self.timing = timing
        self.clock = clock
    }

    /// `DuoAuthClient(ikey, host, v5 (HMAC-SHA512))`; never the secret key.
    public var description: String {
        "DuoAuthClient(\(configuration.integrationKey), \(configuration.apiHost), \(configuration.signatureVersion))"
    }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The (redacted) configuration only: the signer's key schedule is as good as the secret key
    /// and is never reflected.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["configuration": configuration], style: .class) }

    // MARK: Endpoints

    /// `GET /auth/v2/ping`, unsigned: checks that Duo is reachable and reads its clock.
    public func ping() async throws(DuoAuthError) -> DuoServerTime {
        let response = try await send(.get, "/auth/v2/ping", [:], signed: false, isIdempotent: true)
        return try DuoServerTime(try object(try envelope(response, endpoint: "ping"), endpoint: "ping"), endpoint: "ping")
    }

    /// `GET /auth/v2/check`: checks that Duo accepts the keys and the signature.
    public func check() async throws(DuoAuthError) -> DuoServerTime {
        let response = try await send(.get, "/auth/v2/check", [:], isIdempotent: true)
        return try DuoServerTime(try object(try envelope(response, endpoint: "check"), endpoint: "check"), endpoint: "check")
    }

    /// `GET /auth/v2/logo`: the account's logo image.
    public func logo() async throws(DuoAuthError) -> DuoLogo {
        let response = try await send(.get, "/auth/v2/logo", [:], isIdempotent: true)
        let type = response.headers["Content-Type"] ?? ""
        if response.status == 200, type.lowercased().hasPrefix("image/") {
            return DuoLogo(data: response.body, contentType: type)
        }
        _ = try envelope(response, endpoint: "logo")
        throw .malformedResponse("logo: Duo answered OK without an image")
    }

    /// `POST /auth/v2/enroll`: creates a user (named, or named by Duo) and an activation code.
    ///
    /// - Parameters:
    ///   - username: The username, or `nil` for one Duo generates.
    ///   - seconds: The activation code's lifetime (Duo's default: one day).
    public func enroll(username: String? = nil, validFor seconds: Int? = nil) async throws(DuoAuthError) -> DuoEnrollment {
        var parameters = DuoParameters()
        parameters.append("username", username)
        if let seconds {
            guard seconds > 0 else { throw .invalidArgument("valid_secs must be more than 0") }
            parameters.append("valid_secs", String(seconds))
        }
        // Creates a user and an activation code: never sent twice.
        let response = try await send(.post, "/auth/v2/enroll", parameters, isIdempotent: false)
        return try DuoEnrollment(try object(try envelope(response, endpoint: "enroll"), endpoint: "enroll"))
    }

    /// `POST /auth/v2/enroll_status`: whether the activation code has been used.
    public func enrollStatus(userID: String, activationCode: String) async throws(DuoAuthError) -> DuoEnrollmentStatus {
        let response = try await send(.post, "/auth/v2/enroll_status", ["user_id": userID, "activation_code": activationCode],
                                      isIdempotent: true)
        guard case .string(let status) = try envelope(response, endpoint: "enroll_status") else {
            throw .malformedResponse("enroll_status: the response is not a string")
        }
        return DuoEnrollmentStatus(rawValue: status)
    }

    /// `POST /auth/v2/preauth`: whether the user must authenticate, and their devices.
    public func preauth(_ user: DuoUser, options: DuoPreauthOptions = DuoPreauthOptions()) async throws(DuoAuthError) -> DuoPreauthResponse {
        var parameters = DuoParameters()
        parameters.append(user.parameter.0, user.parameter.1)
        parameters.append("ipaddr", options.ipAddress)
        parameters.append("hostname", options.hostname)
        parameters.append("trusted_device_token", options.trustedDeviceToken)
        if options.clientSupportsVerifiedPush { parameters.append("client_supports_verified_push", "1") }
        // Reads the user's state and devices; changes nothing.
        let response = try await send(.post, "/auth/v2/preauth", parameters, isIdempotent: true)
        return try DuoPreauthResponse(try object(try envelope(response, endpoint: "preauth"), endpoint: "preauth"))
    }

    /// `POST /auth/v2/auth`, synchronous: Duo answers when the user has (push, phone) or at once
    /// (passcode, SMS). Push and phone use ``DuoAuthConfiguration/userWaitTimeout``.
    public func auth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> DuoAuthResponse {
        let timeout = request.factor.waitsForUser ? configuration.userWaitTimeout : configuration.standardTimeout
        // Pushes, calls, texts or spends a passcode: never sent twice.
        let response = try await send(.post, "/auth/v2/auth", request.parameters(async: false), timeout: timeout, isIdempotent: false)
        let result = try DuoAuthResponse(try object(try envelope(response, endpoint: "auth"), endpoint: "auth"), txid: nil, endpoint: "auth")
        guard result.isFinal else { throw .malformedResponse("auth: a synchronous authentication answered 'waiting'") }
        return result
    }

    /// `POST /auth/v2/auth` with `async=1`: starts the authentication and returns its `txid`.
    public func startAuth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> String {
        let response = try await send(.post, "/auth/v2/auth", request.parameters(async: true), isIdempotent: false)
        let body = try object(try envelope(response, endpoint: "auth"), endpoint: "auth")
        let txid = try ResponseFields(object: body, endpoint: "auth").string("txid")
        guard !txid.isEmpty else { throw .malformedResponse("auth: the txid is empty") }
        return txid
    }

    /// `GET /auth/v2/auth_status`: one long poll (Duo answers when the status changes), with
    /// ``DuoAuthConfiguration/userWaitTimeout``.
    public func authStatus(txid: String) async throws(DuoAuthError) -> DuoAuthResponse {
        guard !txid.isEmpty else { throw .invalidArgument("the txid is empty") }
        let response = try await send(.get, "/auth/v2/auth_status", ["txid": txid], timeout: configuration.userWaitTimeout,
                                      isIdempotent: true)
        return try DuoAuthResponse(try object(try envelope(response, endpoint: "auth_status"), endpoint: "auth_status"),
                                   txid: txid, endpoint: "auth_status")
    }

    // MARK: Sending

    /// Sends one logical request: every 429 attempt is re-signed with a fresh `Date`.
    ///
    /// `isIdempotent` is stated for every endpoint: a request that is not idempotent is never
    /// sent twice by the transport, and a connection dropped after sending it is
    /// ``DuoAuthError/droppedAfterSending(endpoint:_:)``.
    func send(_ method: HTTPRequest.Method, _ path: String, _ parameters: DuoParameters, signed: Bool = true,
              timeout: HTTPTimeout? = nil, isIdempotent: Bool) async throws(DuoAuthError) -> HTTPResponse {
        let retrier = RateLimitRetrier(policy: configuration.retryPolicy, timing: timing)
        let host = configuration.apiHost
        let effectiveTimeout = timeout ?? configuration.standardTimeout
        do {
            return try await retrier.run { attempt in
                var request: HTTPRequest
                if signed {
                    request = try signer.signedRequest(method: method, host: host, path: path, parameters: parameters,
                                                       date: clock.now(), timeout: effectiveTimeout)
                } else {
                    guard let url = URL(string: host.httpsBaseURL + path) else { throw DuoAuthError.invalidArgument("bad path") }
                    request = HTTPRequest(method: method, url: url, timeout: effectiveTimeout)
                }
                request.isIdempotent = isIdempotent
                configuration.logger.debug("Duo Auth API request", metadata: ["path": "\(path)", "attempt": "\(attempt)"])
                let response = try await transport.send(request)
                configuration.logger.debug("Duo Auth API response", metadata: ["path": "\(path)", "status": "\(response.status)"])
                return response
            }
        } catch let error as DuoAuthError {
            throw error
        } catch let error as TransportError {
            if error == .rateLimited { throw .rateLimited(error.reason ?? "retries exhausted") }
            if error == .droppedAfterSending { throw .droppedAfterSending(endpoint: path, error) }
            throw .transport(error)
        } catch is CancellationError {
            throw .transport(TransportError(.cancelled))
        } catch {
            throw .transport(TransportError(.connectionFailed, reason: String(describing: type(of: error))))
        }
    }

    /// Unwraps Duo's envelope: the `response` on `stat: OK` with HTTP 200, a typed error otherwise.
    func envelope(_ response: HTTPResponse, endpoint: String) throws(DuoAuthError) -> JSONValue {
        // JSONDecoder skips a repeated key's later values unchecked, so it reads some text that
        // is not JSON (fuzzing finding): such a body counts as not JSON.
        let decoded = JSONWellFormedness.isWellFormed(response.body)
            ? try? JSONDecoder().decode(JSONValue.self, from: Data(response.body)) : nil
        let fields = decoded?.objectValue
        let stat = fields?["stat"]?.stringValue
        if response.status == 200, stat == "OK" {
            guard let value = fields?["response"] else { throw .malformedResponse("\(endpoint): stat OK without a response") }
            return value
        }
        if response.status == 200, fields == nil {
            throw .malformedResponse("\(endpoint): the body is not JSON (\(response.body.count) bytes; truncated or not from Duo)")
        }
        if response.status == 200, stat != "FAIL" {
            throw .malformedResponse("\(endpoint): the body has no valid 'stat'")
        }
        var code: Int?
        switch fields?["code"] {
        case .integer(let value)?: code = Int(exactly: value)
        case .string(let text)?: code = Int(text)
        default: code = nil
        }
        let failure = DuoAPIFailure(httpStatus: response.status, code: code, message: fields?["message"]?.stringValue,
                                    messageDetail: fields?["message_detail"]?.stringValue)
        switch response.status {
        case 401, 403: throw .credentialsRejected(failure)
        case 400: throw .requestRejected(failure)
        default: throw .serviceFailure(failure)
        }
    }

    func object(_ value: JSONValue, endpoint: String) throws(DuoAuthError) -> [String: JSONValue] {
        guard let object = value.objectValue else { throw .malformedResponse("\(endpoint): the response is not an object") }
        return object
    }
}
