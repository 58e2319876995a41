public import DuoTransport
import Foundation

/// An in-process ``HTTPTransport`` that answers every request with the response set last, so
/// the fuzz bytes reach the client's real decoding path with no network. One client is built
/// once and reused; each fuzz input only swaps the answer (building a client per input costs
/// more than the decoding under test).
public final class FixedResponseTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var current: HTTPResponse

    /// Creates the transport.
    public init(_ response: HTTPResponse = HTTPResponse(status: 500)) { current = response }

    /// The answer to every following request.
    public var response: HTTPResponse {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse { response }
}
