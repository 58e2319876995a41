import DuoTransport
import Foundation

/// A minimal browser for HTTP-level tests: plain HTTP to 127.0.0.1 over CurlTransport (which never
/// follows redirects), with a cookie jar.
final class DemoBrowser: @unchecked Sendable {
    let transport: CurlTransport
    var cookies: [String: String] = [:]

    init() throws {
        var configuration = TransportConfiguration()
        configuration.allowsInsecureLoopbackHTTP = true
        transport = try CurlTransport(configuration: configuration)
    }

    struct Page {
        let status: Int
        let location: String?
        let text: String

        /// The value of the first hidden input `name`.
        func hidden(_ name: String) -> String? {
            guard let start = text.range(of: #"name="\#(name)" value=""#)?.upperBound,
                  let end = text[start...].firstIndex(of: "\"") else { return nil }
            return String(text[start..<end])
        }
    }

    func get(_ url: String) async throws -> Page { try await send(.get, url, body: nil) }

    func post(_ url: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.post, url, body: body)
    }

    struct BadURL: Error {}

    private func send(_ method: HTTPRequest.Method, _ url: String, body: String?) async throws -> Page {
        guard let target = URL(string: url) else { throw BadURL() }
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")) }
        if body != nil { headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded") }
        let response = try await transport.send(HTTPRequest(method: method, url: target, headers: headers, body: Array((body ?? "").utf8)))
        for header in response.headers.values(for: "Set-Cookie") {
            let pair = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { cookies[parts[0]] = parts[1] }
        }
        return Page(status: response.status, location: response.headers.values(for: "Location").first,
                    text: String(decoding: response.body, as: UTF8.self))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
