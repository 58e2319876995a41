import DuoCore
/// The answer to an ``HTTPRequest``: status, headers and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    /// The HTTP status code, such as 200.
    public var status: Int
    /// The response header fields.
    public var headers: HTTPHeaders
    /// The body bytes (already bounded by the transport's size cap).
    public var body: [UInt8]

    /// Creates a response.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Header fields.
    ///   - body: Body bytes.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

extension HTTPResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `HTTP 200 (headers: [...], body: 123 bytes)`: the body (an id_token, an access token) is
    /// never shown, and cookie headers are redacted.
    public var description: String { "HTTP \(status) (headers: \(headers), body: \(body.count) bytes)" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The status, the redacted headers and the body's size.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["status": status, "headers": headers, "bodyByteCount": body.count]) }
}
