public import DuoTransport

/// A scripted `HTTPTransport`: answers queued responses (or errors) in order and
/// records every request, for unit tests.
///
/// ```swift
/// let mock = MockHTTPTransport()
/// await mock.enqueue(HTTPResponse(status: 200, body: Array(#"{"stat":"OK"}"#.utf8)))
/// // ... run the client ...
/// let sent = await mock.requests
/// ```
public actor MockHTTPTransport: HTTPTransport {
    /// One scripted answer.
    public enum Answer: Sendable {
        /// Return this response.
        case response(HTTPResponse)
        /// Throw this error.
        case failure(TransportError)
    }

    private var answers: [Answer]
    /// Every request received, in order.
    public private(set) var requests: [HTTPRequest] = []

    /// Creates a transport with answers queued in order.
    public init(answers: [Answer] = []) { self.answers = answers }

    /// Queues a response.
    public func enqueue(_ response: HTTPResponse) { answers.append(.response(response)) }

    /// Queues a JSON body with a status.
    public func enqueue(status: Int, json: String) {
        answers.append(.response(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(json.utf8))))
    }

    /// Queues an error.
    public func enqueue(failure: TransportError) { answers.append(.failure(failure)) }

    /// Records the request and answers the next scripted answer; with none left, throws
    /// `TransportError.connectionFailed`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        requests.append(request)
        guard !answers.isEmpty else { throw TransportError(.connectionFailed, reason: "MockHTTPTransport has no scripted answer left") }
        switch answers.removeFirst() {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}
