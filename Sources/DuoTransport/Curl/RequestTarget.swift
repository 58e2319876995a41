import DuoCore
import Foundation

/// A request URL taken apart and checked before any I/O: absolute, a host, no user information.
struct RequestTarget: Sendable {
    /// The scheme, lower-cased.
    let scheme: String
    /// The host, lower-cased, without IPv6 brackets.
    let host: String
    /// The URL text handed to libcurl.
    let absoluteString: String

    init(_ url: URL) throws(TransportError) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let scheme = components.scheme?.lowercased(), !scheme.isEmpty else {
            throw TransportError(.malformedURL, reason: "the URL has no scheme")
        }
        guard let rawHost = components.host, !rawHost.isEmpty else {
            throw TransportError(.malformedURL, reason: "the URL has no host")
        }
        guard components.user == nil, components.password == nil else {
            throw TransportError(.malformedURL, reason: "user information in the URL is not allowed")
        }
        let text = url.absoluteString
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F }) else {
            throw TransportError(.malformedURL, reason: "the URL contains spaces, control or non-ASCII characters")
        }
        var host = rawHost.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.scheme = scheme
        self.host = host
        self.absoluteString = text
    }

    /// Where plain HTTP may be allowed: the package's one loopback check.
    var isLoopback: Bool { LoopbackHost.contains(host) }
}
