public import DuoCore
public import DuoTransport
public import Foundation

/// The one error type of the Universal Prompt client.
///
/// A struct over a private kind, like `DuoError`: compare with `==` against the static
/// values (`error == .stateMismatch`); two errors are equal when their kinds are. ``reason`` is
/// detail for logs (field and claim names, HTTP statuses, Duo's own error codes), never a secret,
/// code, token or query string. ``errorDescription`` says what happened and ``recoverySuggestion``
/// what to do, written for a help-desk person.
public struct DuoWebError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    private enum Code: String, Hashable, Sendable {
        case invalidConfiguration, invalidArgument, transport, droppedAfterSending, rateLimited, unexpectedHTTPStatus,
             malformedResponse, healthCheckFailed, oauthError, missingIDToken, tokenMalformed,
             tokenAlgorithmUnsupported, tokenSignatureInvalid, tokenMissingClaim, tokenExpired,
             tokenNotYetValid, tokenIssuedInFuture, tokenIssuerMismatch, tokenAudienceMismatch,
             usernameMismatch, nonceMismatch, stateMismatch, missingAuthorizationCode, duoRedirectError
    }

    private let code: Code
    /// Detail for people and logs. Never contains a secret, code, token or query string.
    public let reason: String?
    /// Duo's own error code, when Duo sent one (a health-check `code` such as `40002`, or an OAuth
    /// `error` such as `invalid_grant`).
    public let duoCode: String?
    /// Duo's message (`message`, or the OAuth `error_description`), when Duo sent one.
    public let duoMessage: String?
    /// Duo's `message_detail`, when Duo sent one.
    public let duoDetail: String?
    /// The DuoCore error behind this one (configuration or token checks), if any.
    public let underlyingCoreError: DuoError?
    /// The transport error behind this one (network, TLS, timeout), if any.
    public let underlyingTransportError: TransportError?

    private init(
        _ code: Code, reason: String? = nil, duoCode: String? = nil, duoMessage: String? = nil,
        duoDetail: String? = nil, core: DuoError? = nil, transport: TransportError? = nil
    ) {
        self.code = code
        // Duo's codes and messages, and a callback's `error` and `error_description`, come from
        // outside: no control character (a CR/LF would forge a log line) and a bounded length.
        self.reason = ExternalText.sanitized(reason)
        self.duoCode = ExternalText.sanitized(duoCode, limit: 100)
        self.duoMessage = ExternalText.sanitized(duoMessage)
        self.duoDetail = ExternalText.sanitized(duoDetail)
        self.underlyingCoreError = core
        self.underlyingTransportError = transport
    }

    /// Two errors are equal when their kinds (codes) are, whatever their detail.
    public static func == (lhs: DuoWebError, rhs: DuoWebError) -> Bool { lhs.code == rhs.code }
    /// Hashes the kind (code) only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A configuration value is missing or invalid (client ID, secret, host, redirect URI, lifetime).
    public static let invalidConfiguration = DuoWebError(.invalidConfiguration)
    /// An argument is invalid (state length, empty username, nonce length).
    public static let invalidArgument = DuoWebError(.invalidArgument)
    /// No answer could be had from Duo (network, TLS, timeout); see ``underlyingTransportError``.
    public static let transport = DuoWebError(.transport)
    /// The connection dropped after the authorization code exchange was sent, before Duo
    /// answered: Duo may have used the single-use code. It was not sent again; see
    /// ``underlyingTransportError``.
    public static let droppedAfterSending = DuoWebError(.droppedAfterSending)
    /// Duo answered HTTP 429 Too Many Requests.
    public static let rateLimited = DuoWebError(.rateLimited)
    /// Duo answered with an HTTP status other than 200 and no recognisable error body.
    public static let unexpectedHTTPStatus = DuoWebError(.unexpectedHTTPStatus)
    /// Duo's answer is not the JSON expected.
    public static let malformedResponse = DuoWebError(.malformedResponse)
    /// The health check answered `stat: FAIL`; see ``duoCode``, ``duoMessage``, ``duoDetail``.
    public static let healthCheckFailed = DuoWebError(.healthCheckFailed)
    /// The token endpoint answered an OAuth error (`invalid_grant`, `invalid_client`, ...); see ``duoCode``.
    public static let oauthError = DuoWebError(.oauthError)
    /// The token answer has no `id_token`.
    public static let missingIDToken = DuoWebError(.missingIDToken)
    /// The id_token is not a well-formed JWT (shape, encoding, header, claims' types, size).
    public static let tokenMalformed = DuoWebError(.tokenMalformed)
    /// The id_token is not HS512 (`none` and every other algorithm are refused).
    public static let tokenAlgorithmUnsupported = DuoWebError(.tokenAlgorithmUnsupported)
    /// The id_token's signature does not match the client secret.
    public static let tokenSignatureInvalid = DuoWebError(.tokenSignatureInvalid)
    /// The id_token lacks a required claim (`exp`, `iat`, `iss`, `aud`, `preferred_username`, `nonce`).
    public static let tokenMissingClaim = DuoWebError(.tokenMissingClaim)
    /// The id_token has expired (beyond the leeway).
    public static let tokenExpired = DuoWebError(.tokenExpired)
    /// The id_token's `nbf` is in the future (beyond the leeway).
    public static let tokenNotYetValid = DuoWebError(.tokenNotYetValid)
    /// The id_token's `iat` is in the future (beyond the leeway).
    public static let tokenIssuedInFuture = DuoWebError(.tokenIssuedInFuture)
    /// The id_token's `iss` is not `https://{api host}/oauth/v1/token`.
    public static let tokenIssuerMismatch = DuoWebError(.tokenIssuerMismatch)
    /// The id_token's `aud` is not this client ID.
    public static let tokenAudienceMismatch = DuoWebError(.tokenAudienceMismatch)
    /// The id_token's `preferred_username` is not the user who started the login.
    public static let usernameMismatch = DuoWebError(.usernameMismatch)
    /// The id_token's `nonce` is not the one sent with the authorization request.
    public static let nonceMismatch = DuoWebError(.nonceMismatch)
    /// The callback's `state` is not the one stored in the session (or is missing).
    public static let stateMismatch = DuoWebError(.stateMismatch)
    /// The callback carries no authorization code.
    public static let missingAuthorizationCode = DuoWebError(.missingAuthorizationCode)
    /// Duo redirected back with an `error` instead of a code; see ``duoCode`` and ``duoMessage``.
    public static let duoRedirectError = DuoWebError(.duoRedirectError)

    // MARK: Factories (internal)

    static func configuration(_ reason: String, core: DuoError? = nil) -> DuoWebError {
        DuoWebError(.invalidConfiguration, reason: reason, core: core)
    }

    static func argument(_ reason: String) -> DuoWebError { DuoWebError(.invalidArgument, reason: reason) }

    static func transport(_ error: TransportError) -> DuoWebError {
        if error == .rateLimited { return DuoWebError(.rateLimited, reason: error.reason, transport: error) }
        if error == .droppedAfterSending { return DuoWebError(.droppedAfterSending, reason: error.reason, transport: error) }
        return DuoWebError(.transport, reason: error.errorDescription, transport: error)
    }

    static func transportOther(_ error: any Error) -> DuoWebError {
        if error is CancellationError { return DuoWebError(.transport, reason: "the request was cancelled", transport: .cancelled) }
        return DuoWebError(.transport, reason: "the transport failed: \(type(of: error))")
    }

    static func kind(_ base: DuoWebError, reason: String?, duoCode: String? = nil, duoMessage: String? = nil, duoDetail: String? = nil) -> DuoWebError {
        DuoWebError(base.code, reason: reason, duoCode: duoCode, duoMessage: duoMessage, duoDetail: duoDetail)
    }

    /// Maps a DuoCore token-check failure to its own id_token kind.
    static func token(_ error: DuoError) -> DuoWebError {
        let code: Code
        switch error.code {
        case .unsupportedAlgorithm: code = .tokenAlgorithmUnsupported
        case .invalidSignature: code = .tokenSignatureInvalid
        case .missingClaim: code = .tokenMissingClaim
        case .tokenExpired: code = .tokenExpired
        case .tokenNotYetValid: code = .tokenNotYetValid
        case .issuedInFuture: code = .tokenIssuedInFuture
        case .issuerMismatch: code = .tokenIssuerMismatch
        case .audienceMismatch: code = .tokenAudienceMismatch
        default: code = .tokenMalformed
        }
        return DuoWebError(code, reason: error.reason, core: error)
    }

    // MARK: Text

    /// A stable, machine-friendly name of the kind, such as `stateMismatch` (safe as a metrics label).
    public var kindName: String { code.rawValue }

    /// One line: kind, summary and detail.
    public var description: String { "DuoWebError.\(code.rawValue): \(errorDescription ?? summary)" }

    /// What happened, in words a help desk can read out.
    public var errorDescription: String? {
        var text = summary
        var details: [String] = []
        if let duoCode { details.append("Duo code \(duoCode)") }
        if let duoMessage { details.append(duoMessage) }
        if let duoDetail { details.append(duoDetail) }
        if let reason { details.append(reason) }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }

    private var summary: String {
        switch code {
        case .invalidConfiguration: return "The Duo Universal Prompt configuration is not valid."
        case .invalidArgument: return "A value passed to the Duo client is not valid."
        case .transport: return "Duo could not be reached."
        case .droppedAfterSending: return "The connection to Duo dropped after the authorization code was sent, before Duo answered; Duo may have used the code."
        case .rateLimited: return "Duo is rate-limiting this application (HTTP 429 Too Many Requests)."
        case .unexpectedHTTPStatus: return "Duo answered with an unexpected HTTP status."
        case .malformedResponse: return "Duo's answer could not be read."
        case .healthCheckFailed: return "Duo's health check failed."
        case .oauthError: return "Duo refused the authorization code exchange."
        case .missingIDToken: return "Duo's answer holds no id_token."
        case .tokenMalformed: return "The Duo result token is malformed."
        case .tokenAlgorithmUnsupported: return "The Duo result token is not signed with HS512 and was refused."
        case .tokenSignatureInvalid: return "The Duo result token's signature is not valid."
        case .tokenMissingClaim: return "The Duo result token is missing a required claim."
        case .tokenExpired: return "The Duo result token has expired."
        case .tokenNotYetValid: return "The Duo result token is not valid yet."
        case .tokenIssuedInFuture: return "The Duo result token claims to be issued in the future."
        case .tokenIssuerMismatch: return "The Duo result token was issued by an unexpected issuer."
        case .tokenAudienceMismatch: return "The Duo result token was issued for another application."
        case .usernameMismatch: return "The Duo result is for a different user than the one signing in."
        case .nonceMismatch: return "The Duo result does not belong to this login attempt (nonce mismatch)."
        case .stateMismatch: return "The Duo callback does not belong to this browser session (state mismatch)."
        case .missingAuthorizationCode: return "The Duo callback holds no authorization code."
        case .duoRedirectError: return "Duo sent the user back with an error instead of a result."
        }
    }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch code {
        case .invalidConfiguration:
            return "Copy the Client ID, Client secret and API hostname again from the Web SDK application in the Duo Admin Panel, and check that the redirect URI is https (http only for localhost) and matches the application's callback."
        case .invalidArgument:
            return "This is a programming mistake in the application (for example a state shorter than 16 characters); contact the application's developers."
        case .transport:
            return underlyingTransportError?.recoverySuggestion ?? "Check this server's outbound HTTPS access to the Duo API hostname, then ask the user to try again."
        case .droppedAfterSending:
            return "Duo may have used the one-time authorization code, which works only once, so the request was not sent again. Ask the user to sign in again (a new login, not a reload of the callback page)."
        case .rateLimited:
            return "Wait a minute before trying again; if it happens often, contact Duo support about your limits."
        case .unexpectedHTTPStatus, .malformedResponse:
            return "Check Duo's status page and anything between this server and Duo (proxy, captive portal), then ask the user to try again."
        case .healthCheckFailed:
            return "If Duo's code is 40002 or the message mentions the client assertion, the client ID or secret does not match the Duo Admin Panel; otherwise check Duo's status page. Apply your fail-open or fail-closed policy meanwhile."
        case .oauthError:
            if duoCode == "invalid_grant" {
                return "The one-time code was already used, expired, or was issued for another redirect URI. Ask the user to sign in again; do not reload the callback page."
            }
            return "Duo did not accept this application's credentials: check the client ID, client secret and redirect URI against the Duo Admin Panel, and the server clock (NTP)."
        case .missingIDToken, .tokenMalformed:
            return "Ask the user to sign in again; if it keeps happening, check for a proxy rewriting responses and contact the application's administrator."
        case .tokenAlgorithmUnsupported, .tokenSignatureInvalid:
            return "Treat this login attempt as untrusted and ask the user to sign in again. If every login fails this way, the client secret configured does not match the Duo Admin Panel."
        case .tokenMissingClaim, .tokenIssuerMismatch, .tokenAudienceMismatch:
            return "The result was not issued for this application. Check that the client ID and API hostname match the Duo Admin Panel, then ask the user to sign in again."
        case .tokenExpired, .tokenNotYetValid, .tokenIssuedInFuture:
            return "Ask the user to sign in again. If it keeps happening, this server's clock is wrong: enable time synchronisation (NTP)."
        case .usernameMismatch, .nonceMismatch, .stateMismatch:
            return "Ask the user to start the login again in a single browser tab. If it keeps happening, check that the session cookie survives the redirect to Duo and back (SameSite=Lax, same host name)."
        case .missingAuthorizationCode:
            return "Ask the user to start the login again; the callback URL was opened without Duo's result (for example bookmarked or reloaded)."
        case .duoRedirectError:
            return "Duo could not complete the login; Duo's message says why (often a policy or enrollment problem). Check the user and application policy in the Duo Admin Panel."
        }
    }
}
