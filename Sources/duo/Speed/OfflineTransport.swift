import DuoTransport

/// The transport `duo speed` gives its `DuoWebClient`: the benchmark is offline, and none of
/// the timed operations sends a request, so any attempt is an error rather than network traffic.
struct OfflineTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw TransportError(.connectionFailed, reason: "duo speed is offline and sends no requests")
    }
}
