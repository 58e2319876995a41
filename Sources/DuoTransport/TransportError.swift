import DuoCore
public import Foundation

/// Why a request to Duo got no usable answer.
///
/// Like `DuoError`, a struct over a private kind: compare with `==` against the static
/// values (`error == .timedOut`); ``reason`` carries detail (libcurl's message, the limit
/// exceeded) and never a secret, query string or body. ``errorDescription`` says what failed and
/// ``recoverySuggestion`` what to check, in help-desk terms.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The kind of a ``TransportError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case couldNotResolveHost, couldNotConnect, untrustedCertificate, hostnameMismatch,
                 certificateExpired, tlsFailure, timedOut, cancelled, responseTooLarge, proxyFailure,
                 malformedURL, insecureURL, rateLimited, connectionFailed, droppedAfterSending,
                 invalidConfiguration
        }
        fileprivate let base: Base

        /// DNS could not resolve the host name.
        public static let couldNotResolveHost = Code(base: .couldNotResolveHost)
        /// No TCP connection could be made.
        public static let couldNotConnect = Code(base: .couldNotConnect)
        /// The server's certificate does not chain to a trusted root (pinning refused it).
        public static let untrustedCertificate = Code(base: .untrustedCertificate)
        /// The server's certificate is not for the requested host name.
        public static let hostnameMismatch = Code(base: .hostnameMismatch)
        /// The server's certificate (or one in its chain) has expired or is not yet valid.
        public static let certificateExpired = Code(base: .certificateExpired)
        /// The TLS handshake failed for another reason.
        public static let tlsFailure = Code(base: .tlsFailure)
        /// The connect or total time limit passed.
        public static let timedOut = Code(base: .timedOut)
        /// The calling task was cancelled.
        public static let cancelled = Code(base: .cancelled)
        /// The response body was larger than the cap.
        public static let responseTooLarge = Code(base: .responseTooLarge)
        /// The proxy refused or failed the connection.
        public static let proxyFailure = Code(base: .proxyFailure)
        /// The URL is malformed.
        public static let malformedURL = Code(base: .malformedURL)
        /// The URL is not https (plain http is allowed only to loopback hosts, on request).
        public static let insecureURL = Code(base: .insecureURL)
        /// Duo kept answering HTTP 429 Too Many Requests until retries ran out.
        public static let rateLimited = Code(base: .rateLimited)
        /// The connection failed or dropped mid-transfer.
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The connection dropped after a request that must not be repeated was sent, before its
        /// answer arrived: Duo may have received it and acted on it (sent a push, used a passcode
        /// or an authorization code, created an enrollment). The transport did not send it again.
        public static let droppedAfterSending = Code(base: .droppedAfterSending)
        /// The transport's configuration is unusable (unreadable CA file, bad proxy URL).
        public static let invalidConfiguration = Code(base: .invalidConfiguration)

        /// A stable, machine-friendly name such as `timedOut`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// Detail for people and logs; never a secret.
    public let reason: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - reason: Detail; never pass a secret, query string or body.
    public init(_ code: Code, reason: String? = nil) {
        self.code = code
        // libcurl's messages quote host names and server text: bounded, no control characters.
        self.reason = ExternalText.sanitized(reason)
    }

    /// Two errors are equal when their kinds (codes) are, whatever their detail.
    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.code == rhs.code }
    /// Hashes the kind (code) only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// See ``Code/couldNotResolveHost``.
    public static let couldNotResolveHost = TransportError(.couldNotResolveHost)
    /// See ``Code/couldNotConnect``.
    public static let couldNotConnect = TransportError(.couldNotConnect)
    /// See ``Code/untrustedCertificate``.
    public static let untrustedCertificate = TransportError(.untrustedCertificate)
    /// See ``Code/hostnameMismatch``.
    public static let hostnameMismatch = TransportError(.hostnameMismatch)
    /// See ``Code/certificateExpired``.
    public static let certificateExpired = TransportError(.certificateExpired)
    /// See ``Code/tlsFailure``.
    public static let tlsFailure = TransportError(.tlsFailure)
    /// See ``Code/timedOut``.
    public static let timedOut = TransportError(.timedOut)
    /// See ``Code/cancelled``.
    public static let cancelled = TransportError(.cancelled)
    /// See ``Code/responseTooLarge``.
    public static let responseTooLarge = TransportError(.responseTooLarge)
    /// See ``Code/proxyFailure``.
    public static let proxyFailure = TransportError(.proxyFailure)
    /// See ``Code/malformedURL``.
    public static let malformedURL = TransportError(.malformedURL)
    /// See ``Code/insecureURL``.
    public static let insecureURL = TransportError(.insecureURL)
    /// See ``Code/rateLimited``.
    public static let rateLimited = TransportError(.rateLimited)
    /// See ``Code/connectionFailed``.
    public static let connectionFailed = TransportError(.connectionFailed)
    /// See ``Code/droppedAfterSending``.
    public static let droppedAfterSending = TransportError(.droppedAfterSending)
    /// See ``Code/invalidConfiguration``.
    public static let invalidConfiguration = TransportError(.invalidConfiguration)

    /// One line: the summary and the detail.
    public var description: String {
        guard let reason else { return "TransportError.\(code): \(summary)" }
        return "TransportError.\(code): \(summary) (\(reason))"
    }

    /// What failed, in words a help desk can read out.
    public var errorDescription: String? {
        guard let reason else { return summary }
        return "\(summary) (\(reason))"
    }

    /// What to check next.
    public var recoverySuggestion: String? {
        switch code.base {
        case .couldNotResolveHost:
            return "Check the API hostname for typos and that this server's DNS can resolve it (for example with `getent hosts <api host>`)."
        case .couldNotConnect, .connectionFailed:
            return "Check that this server may make outbound HTTPS connections (port 443) to the Duo API hostname: firewall rules, security groups, and whether a proxy is required. Users cannot complete Duo until this is fixed."
        case .untrustedCertificate:
            return "Something between this server and Duo presented a certificate that is not from Duo (often a TLS-inspecting proxy or firewall). Exempt the Duo API hostname from TLS inspection, or, if your security team requires inspection, configure the SDK with system trust or your proxy's CA."
        case .hostnameMismatch:
            return "The server that answered is not the configured Duo API hostname. Check the hostname, DNS records, and any proxy or load balancer redirecting traffic."
        case .certificateExpired:
            return "Check this server's clock first (enable NTP); if the clock is right, the certificate presented really is expired, which points at an intercepting proxy."
        case .tlsFailure:
            return "The secure connection to Duo could not be set up. Check for a TLS-inspecting proxy, an outdated OpenSSL/libcurl on this server, or a wrong port in the API hostname."
        case .timedOut:
            return "Duo did not answer in time. Check network latency and proxies to the Duo API hostname, and Duo's status page; ask the user to try again in a moment."
        case .cancelled:
            return "The request was cancelled by the application (for example because the user left the page). No action is needed."
        case .responseTooLarge:
            return "The answer was far larger than any Duo response, so it did not come from Duo. Check for a proxy or captive portal in the path."
        case .proxyFailure:
            return "Check the proxy address, port and credentials, and that the proxy allows CONNECT to the Duo API hostname on port 443."
        case .malformedURL, .insecureURL:
            return "Check the API hostname and redirect URI configured in the application: Duo is only ever reached over https."
        case .droppedAfterSending:
            return "Duo may have sent the push; ask the user before trying again. The request was sent before the connection dropped, so Duo may have received it and acted on it (sent a push, call or SMS, used a passcode or an authorization code, created an enrollment); it was not sent a second time."
        case .rateLimited:
            return "Duo is limiting the rate of requests from this application. Wait a minute before trying again; if it happens often, spread requests out or contact Duo support about your limits."
        case .invalidConfiguration:
            return "Check the transport settings named in the message (CA bundle path and contents, proxy URL)."
        }
    }

    private var summary: String {
        switch code.base {
        case .couldNotResolveHost: return "The Duo API hostname could not be resolved."
        case .couldNotConnect: return "Could not connect to Duo."
        case .untrustedCertificate: return "The server's certificate is not trusted: it was not issued by one of Duo's certificate authorities."
        case .hostnameMismatch: return "The server's certificate does not match the Duo API hostname."
        case .certificateExpired: return "The server's certificate has expired or is not yet valid."
        case .tlsFailure: return "The secure (TLS) connection to Duo failed."
        case .timedOut: return "The request to Duo timed out."
        case .cancelled: return "The request to Duo was cancelled."
        case .responseTooLarge: return "The response was larger than allowed."
        case .proxyFailure: return "The proxy could not connect to Duo."
        case .malformedURL: return "The request URL is malformed."
        case .insecureURL: return "Refused to send a request over plain HTTP."
        case .rateLimited: return "Duo rate-limited the request (HTTP 429 Too Many Requests)."
        case .connectionFailed: return "The connection to Duo failed."
        case .droppedAfterSending: return "The connection to Duo dropped after the request was sent, before Duo answered; Duo may have received it."
        case .invalidConfiguration: return "The HTTPS transport is misconfigured."
        }
    }
}
