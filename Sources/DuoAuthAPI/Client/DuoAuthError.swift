import DuoCore
public import DuoTransport
public import Foundation

/// Duo's answer when it refuses a request: the `FAIL` envelope and the HTTP status.
public struct DuoAPIFailure: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status, such as 401.
    public let httpStatus: Int
    /// Duo's numeric code, such as 40103 (`nil` when Duo sent none or an empty one).
    public let code: Int?
    /// Duo's message, such as `Invalid signature in request credentials`.
    public let message: String?
    /// Duo's extra detail, such as `no capable device`.
    public let messageDetail: String?

    /// Creates a failure.
    ///
    /// `message` and `messageDetail` are Duo's text: they are kept without control characters and
    /// cut to 300 characters, so they cannot forge a log line.
    public init(httpStatus: Int, code: Int?, message: String?, messageDetail: String?) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = ExternalText.sanitized(message)
        self.messageDetail = ExternalText.sanitized(messageDetail)
    }

    /// `Invalid signature in request credentials (40103, HTTP 401)` with the detail when present.
    public var description: String {
        var text = message ?? "HTTP \(httpStatus)"
        if let messageDetail, !messageDetail.isEmpty { text += ": \(messageDetail)" }
        let codes = [code.map(String.init), "HTTP \(httpStatus)"].compactMap { $0 }.joined(separator: ", ")
        return "\(text) (\(codes))"
    }
}

/// Why an Auth API call failed.
///
/// Each case says who is at fault: Duo refused the credentials, Duo refused the request, Duo
/// failed, the answer was unusable, the network failed, or the caller passed something invalid.
/// ``errorDescription`` is a short statement and ``recoverySuggestion`` is written for the help
/// desk. No case ever carries the secret key, a passcode or a signature.
public enum DuoAuthError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Duo refused the integration key, secret key, signature or date (HTTP 401 or 403).
    case credentialsRejected(DuoAPIFailure)
    /// Duo refused the parameters (HTTP 400), for example an unknown user or no capable device.
    case requestRejected(DuoAPIFailure)
    /// Duo answered another error status or a `FAIL` envelope (5xx included; never retried).
    case serviceFailure(DuoAPIFailure)
    /// Duo kept answering HTTP 429 Too Many Requests until the retries ran out.
    case rateLimited(String)
    /// The answer was not the JSON Duo sends: not JSON, truncated, or missing a field.
    case malformedResponse(String)
    /// No answer: DNS, connection, TLS, timeout or cancellation (never retried).
    case transport(TransportError)
    /// The connection dropped after a request that must not repeat (`/auth/v2/auth`,
    /// `/auth/v2/enroll`) was sent, before Duo answered: Duo may have acted on it (sent the push,
    /// called, texted, used the passcode, created the enrollment). It was not sent again.
    case droppedAfterSending(endpoint: String, TransportError)
    /// A flow (push, waiting for activation) passed its overall deadline.
    case deadlineExceeded(Duration)
    /// The caller passed an unusable argument; nothing was sent.
    case invalidArgument(String)

    /// The case name and detail, one line.
    public var description: String { "DuoAuthError: " + (errorDescription ?? "") }

    /// What went wrong, short.
    public var errorDescription: String? {
        let text: String = ExternalText.sanitized(summary, limit: 1000)
        return text
    }

    private var summary: String {
        switch self {
        case .credentialsRejected(let failure):
            return "Duo refused the Auth API credentials (integration key, secret key or request signature): \(failure)"
        case .requestRejected(let failure): return "Duo refused the request: \(failure)"
        case .serviceFailure(let failure): return "Duo answered with an error: \(failure)"
        case .rateLimited(let reason): return "Duo rate-limited the request (HTTP 429 Too Many Requests): \(reason)"
        case .malformedResponse(let reason): return "Duo's answer could not be read: \(reason)"
        case .transport(let error): return error.errorDescription ?? error.description
        case .droppedAfterSending(let endpoint, let error):
            return "The connection to Duo dropped after the \(endpoint) request was sent, before Duo answered; Duo may have received it (\(error.reason ?? error.code.description))."
        case .deadlineExceeded(let limit): return "No final answer from Duo within \(limit)."
        case .invalidArgument(let reason): return "Invalid Auth API request: \(reason)"
        }
    }

    /// What to do next, for the help desk.
    public var recoverySuggestion: String? {
        switch self {
        case .credentialsRejected(let failure):
            if failure.httpStatus == 403 {
                return "The keys belong to another kind of Duo application. In the Duo Admin Panel, protect an \"Auth API\" application and use its integration key, secret key and API hostname."
            }
            return "Copy the integration key, secret key and API hostname of the Auth API application again from the Duo Admin Panel, and check this server's clock (NTP): Duo refuses requests whose Date is far off."
        case .requestRejected:
            return "Check the username and the chosen device or factor: the user may not exist, may have no device able to receive this factor, or the value may be malformed."
        case .serviceFailure:
            return "Duo reported a problem on its side. Check status.duo.com and try again in a few minutes; the request was not repeated automatically."
        case .rateLimited:
            return "Wait a minute before trying again; if it happens often, spread out requests or ask Duo support about your limits."
        case .malformedResponse:
            return "Something between this server and Duo may have altered or cut the answer (a proxy or captive portal). Try again; if it persists, check the network path to the API hostname."
        case .transport(let error):
            return error.recoverySuggestion
        case .droppedAfterSending(let endpoint, let error):
            switch endpoint {
            case "/auth/v2/auth":
                return "Duo may have sent the push; ask the user before trying again. Duo may also have called or texted the user, or used the passcode (then ask for a new one); the request was not sent a second time."
            case "/auth/v2/enroll":
                return "Duo may have created the user and the activation code; check the Duo Admin Panel before enrolling again. The request was not sent a second time."
            default:
                return error.recoverySuggestion
            }
        case .deadlineExceeded:
            return "The user did not answer in time. Ask them to try again and to keep Duo Mobile open."
        case .invalidArgument:
            return "Fix the value named in the message in the application's code or configuration."
        }
    }

    /// Duo's failure, when Duo answered with one.
    public var apiFailure: DuoAPIFailure? {
        switch self {
        case .credentialsRejected(let failure), .requestRejected(let failure), .serviceFailure(let failure): return failure
        default: return nil
        }
    }
}
