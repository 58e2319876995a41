import DuoTransport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// A port nobody is listening on right now.
    static func freePort() -> Int? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return named == 0 ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
