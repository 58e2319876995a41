import DuoCore
public import Foundation

/// One HTTP request, as the SDK's clients hand it to an ``HTTPTransport``.
public struct HTTPRequest: Sendable, Hashable {
    /// The request method.
    public struct Method: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The method token, such as `GET`.
        public let rawValue: String
        /// Creates a method from its token.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// `GET`
        public static let get = Method(rawValue: "GET")
        /// `POST`
        public static let post = Method(rawValue: "POST")
        /// `PUT`
        public static let put = Method(rawValue: "PUT")
        /// `DELETE`
        public static let delete = Method(rawValue: "DELETE")
        /// The method token.
        public var description: String { rawValue }

        /// Whether RFC 9110 (section 9.2.2) defines the method as idempotent: `GET`, `HEAD`,
        /// `OPTIONS`, `TRACE`, `PUT` and `DELETE`. Every other method, `POST` and `PATCH`
        /// included, counts as not idempotent.
        var isIdempotentByDefinition: Bool {
            ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"].contains(rawValue)
        }
    }

    /// The method.
    public var method: Method
    /// The absolute URL (https, or http to a loopback host when the transport allows it).
    public var url: URL
    /// The header fields to send (the transport adds `User-Agent` and `Content-Length`).
    public var headers: HTTPHeaders
    /// The body bytes; empty for none.
    public var body: [UInt8]
    /// Limits for this request; `nil` uses the transport's defaults.
    public var timeout: HTTPTimeout?
    /// How to retry rate-limited (HTTP 429) answers; `nil` means never retry.
    public var retryPolicy: RetryPolicy?
    /// Whether sending the request twice has the same effect as sending it once.
    ///
    /// A request that is not idempotent (a push, a passcode check, an authorization code
    /// exchange, an enrollment) is never sent twice by ``CurlTransport``: it goes on a new
    /// connection, and if that connection drops after the request went out the error is
    /// ``TransportError/droppedAfterSending``, never a silent second send. An idempotent request
    /// may be sent again on a new connection when a kept-alive one turns out to be closed.
    ///
    /// Defaults to what the method defines (RFC 9110, section 9.2.2): `true` for `GET`, `HEAD`,
    /// `OPTIONS`, `TRACE`, `PUT` and `DELETE`, `false` for `POST`, `PATCH` and every other
    /// method. The Duo clients set it for each endpoint.
    public var isIdempotent: Bool

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - url: The absolute URL.
    ///   - headers: Header fields.
    ///   - body: Body bytes.
    ///   - timeout: Per-request limits, or `nil` for the transport's defaults.
    ///   - retryPolicy: 429 retry policy, or `nil` for none.
    ///   - isIdempotent: Whether the request may be sent twice (see ``isIdempotent``), or `nil`
    ///     for what the method defines.
    public init(
        method: Method,
        url: URL,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        timeout: HTTPTimeout? = nil,
        retryPolicy: RetryPolicy? = nil,
        isIdempotent: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.isIdempotent = isIdempotent ?? method.isIdempotentByDefinition
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The URL without its query: a query may carry a signed request JWT or Auth API parameters.
    var urlWithoutQuery: String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        let hadQuery = components.query != nil
        components.query = nil
        components.fragment = nil
        return (components.string ?? "<url>") + (hadQuery ? "?<redacted>" : "")
    }

    /// `POST https://host/path (headers: [...], body: 123 bytes)`: the signed `Authorization`
    /// header, the query and the body (an authorization code, a client assertion, a passcode)
    /// are never shown.
    public var description: String { "\(method) \(urlWithoutQuery) (headers: \(headers), body: \(body.count) bytes)" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The method, the URL without its query, the redacted headers and the body's size.
    public var customMirror: Mirror {
        SafeReflection.mirror(self, ["method": method, "url": urlWithoutQuery, "headers": headers, "bodyByteCount": body.count,
                                     "timeout": timeout as Any, "retryPolicy": retryPolicy as Any, "isIdempotent": isIdempotent])
    }
}

/// Connect and total time limits for a request.
public struct HTTPTimeout: Sendable, Hashable {
    /// Time allowed to establish the connection (TCP and TLS, through any proxy).
    public var connect: Duration
    /// Time allowed for the whole request, from connecting to the last byte of the response.
    public var total: Duration

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - connect: Connection limit (default 10 s).
    ///   - total: Whole-request limit (default 30 s).
    public init(connect: Duration = .seconds(10), total: Duration = .seconds(30)) {
        self.connect = connect
        self.total = total
    }

    /// 10 s to connect, 30 s in all: right for every Duo call that does not wait for a person.
    public static let standard = HTTPTimeout()

    /// 10 s to connect, 90 s in all: for calls Duo holds open until the user answers (the Auth API's
    /// synchronous `/auth` and `/auth_status` long polls, about 60 s).
    public static let waitingForUser = HTTPTimeout(connect: .seconds(10), total: .seconds(90))
}
