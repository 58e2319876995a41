#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one loopback check of the package: where plain HTTP may be allowed (redirect URIs, local
/// emulators) and nowhere else.
///
/// Loopback is the numeric IPv4 range 127.0.0.0/8 written as four decimal octets, the IPv6
/// address `::1` in any of its text forms, and the name `localhost` exactly. `localhost` is
/// accepted because browsers and libcurl (7.78 and later) resolve it to loopback themselves,
/// without DNS or `/etc/hosts`; subdomains such as `app.localhost` are refused, since some
/// resolvers send those to DNS, and a name such as `127.evil.example` is a DNS name, not an
/// address.
package enum LoopbackHost {
    /// Whether `host` (bare: no port, no IPv6 brackets) names the loopback interface.
    package static func contains(_ host: String) -> Bool {
        let host = host.asciiLowercased
        if host == "localhost" { return true }
        if host.contains(":") { return isIPv6Loopback(host) }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in
            (1...3).contains(octet.utf8.count)
                && octet.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                && (Int(octet) ?? 256) <= 255
        }
    }

    /// Parses the address with the C library (every RFC 4291 text form) and prints it back in its
    /// canonical form, which for loopback is exactly `::1`.
    private static func isIPv6Loopback(_ text: String) -> Bool {
        var address = in6_addr()
        guard text.withCString({ inet_pton(AF_INET6, $0, &address) }) == 1 else { return false }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return false }
        let canonical = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return canonical == "::1"
    }
}
