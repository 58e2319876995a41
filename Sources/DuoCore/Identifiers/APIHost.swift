#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Duo API hostname, `host` or `host:port`, such as `api-xxxxxxxx.duosecurity.com` or
/// `127.0.0.1:8443` for a local emulator.
///
/// Validation refuses what people paste by mistake (a scheme, a path, user info, whitespace) with
/// a message naming the problem. The host is stored lower-cased; an IPv6 literal must be
/// bracketed (`[::1]:8443`).
public struct APIHost: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The host name or IP literal, lower-cased, without brackets or port.
    public let hostname: String
    /// The port, when one was given.
    public let port: Int?

    /// Parses and validates an API host.
    ///
    /// - Parameter text: `host` or `host:port`.
    /// - Throws: ``DuoError/invalidAPIHost`` naming the problem.
    public init(_ text: String) throws(DuoError) {
        func fail(_ reason: String) -> DuoError { DuoError(.invalidAPIHost, reason: reason) }
        guard !text.isEmpty else { throw fail("the API hostname is empty") }
        if text.contains("://") { throw fail("remove the scheme: give only the host name, for example api-xxxxxxxx.duosecurity.com") }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw fail("the API hostname contains whitespace or control characters")
        }
        if text.contains("/") || text.contains("?") || text.contains("#") { throw fail("remove the path: give only the host name") }
        if text.contains("@") { throw fail("user information is not allowed in the API hostname") }
        guard text.unicodeScalars.allSatisfy(\.isASCII) else { throw fail("the API hostname must be ASCII (use the punycode form)") }

        let lowered = text.lowercased()
        var hostPart = Substring(lowered)
        var portText: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw fail("an IPv6 address is missing its closing ']'") }
            let rest = hostPart[hostPart.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("unexpected text after the IPv6 address") }
                portText = rest.dropFirst()
            }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
            // Found by fuzzing: "[.]" or "[1]" passed a character check alone, and then printed
            // as an authority that parses as something else. Only a real IPv6 address passes.
            guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }),
                  Self.isIPv6Address(hostPart) else {
                throw fail("the IPv6 address is not valid")
            }
        } else {
            let pieces = hostPart.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw fail("too many ':' (bracket an IPv6 address, as in [::1]:8443)") }
            hostPart = pieces[0]
            if pieces.count == 2 { portText = pieces[1] }
            guard !hostPart.isEmpty else { throw fail("the host name is empty") }
            guard hostPart.count <= 253 else { throw fail("the host name is longer than 253 characters") }
            for label in hostPart.split(separator: ".", omittingEmptySubsequences: false) {
                guard !label.isEmpty, label.count <= 63 else { throw fail("the host name has an empty or over-long label") }
                guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), label.first != "-", label.last != "-" else {
                    throw fail("the host name may contain only letters, digits, '-' and '.'")
                }
            }
        }
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigitCharacter),
                  let port = Int(portText), (1...65535).contains(port) else {
                throw fail("the port must be a number from 1 to 65535")
            }
            self.port = port
        } else {
            self.port = nil
        }
        self.hostname = String(hostPart)
    }

    /// Whether `text` is an IPv6 address in any RFC 4291 text form (the C library decides).
    private static func isIPv6Address(_ text: Substring) -> Bool {
        var address = in6_addr()
        return String(text).withCString { inet_pton(AF_INET6, $0, &address) } == 1
    }

    /// Whether the host is a loopback address (127.0.0.0/8 as four decimal octets, `::1`) or
    /// exactly `localhost`: where plain HTTP may be allowed for local emulators. A DNS name such
    /// as `127.example.com` is not loopback.
    public var isLoopback: Bool { LoopbackHost.contains(hostname) }

    /// `host` or `host:port`, as given (lower-cased), with IPv6 literals bracketed.
    public var authority: String {
        let host = hostname.contains(":") ? "[\(hostname)]" : hostname
        guard let port else { return host }
        return "\(host):\(port)"
    }

    /// `https://` followed by ``authority``: the base of every Duo endpoint.
    public var httpsBaseURL: String { "https://\(authority)" }

    /// The authority.
    public var description: String { authority }

    /// Decodes the value from a single string, validating it as the string initializer does.
    public init(from decoder: any Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the value as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(authority)
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
