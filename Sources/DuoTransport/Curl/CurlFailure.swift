/// What libcurl reported about a failed transfer, and its translation into a ``TransportError``.
///
/// Kept as plain numbers so the mapping is one table that tests can read, like
/// swift-corelibs-foundation's `urlErrorCode(for:)`.
struct CurlFailure: Sendable, Equatable {
    /// The `CURLcode`.
    var code: Int
    /// `CURLINFO_SSL_VERIFYRESULT`: OpenSSL's `X509_V_*` result (0 when verification passed or
    /// did not run).
    var sslVerifyResult: Int = 0
    /// `CURLINFO_OS_ERRNO`.
    var osErrno: Int = 0
    /// `CURLINFO_HTTP_CONNECTCODE`: the proxy's answer to CONNECT (0 without a proxy).
    var proxyConnectCode: Int = 0
    /// Whether a proxy was configured.
    var usesProxy: Bool = false
    /// Whether the write callback stopped the transfer because of the size cap.
    var exceededSizeLimit: Bool = false
    /// Whether the header callback stopped the transfer because the header section passed
    /// ``CurlSettings/maximumHeaderBytes``.
    var exceededHeaderLimit: Bool = false
    /// Whether the request may be sent twice (``HTTPRequest/isIdempotent``).
    var isIdempotent: Bool = true
    /// Whether libcurl had a connection and was about to send the request at least once.
    var requestWasSent: Bool = false
    /// Whether a second send of a request that is not idempotent was stopped.
    var refusedResend: Bool = false
    /// libcurl's message (`CURLOPT_ERRORBUFFER`, or `curl_easy_strerror`).
    var message: String = ""

    // CURLcode values (stable across libcurl versions; named as in curl/curl.h).
    static let unsupportedProtocol = 1, urlMalformat = 3, couldntResolveProxy = 5, couldntResolveHost = 6,
               couldntConnect = 7, weirdServerReply = 8, http2 = 16, partialFile = 18, writeError = 23,
               operationTimedOut = 28, sslConnectError = 35, abortedByCallback = 42,
               gotNothing = 52, sendError = 55, recvError = 56, sslCertProblem = 58, sslCipher = 59,
               peerFailedVerification = 60, filesizeExceeded = 63, sslCACertBadFile = 77,
               sslIssuerError = 83, http2Stream = 92, proxy = 97

    // OpenSSL X509_V_ERR_* values read from CURLINFO_SSL_VERIFYRESULT.
    static let x509CertNotYetValid = 9, x509CertHasExpired = 10, x509HostnameMismatch = 62

    /// The typed error, keeping libcurl's detail (never a query string) as the reason.
    var transportError: TransportError {
        TransportError(kind, reason: reason)
    }

    /// Failures after the request went out with no whole answer: the connection closed, reset
    /// or broke while sending or receiving.
    static let droppedConnectionCodes: Set<Int> = [partialFile, gotNothing, sendError, recvError, http2, http2Stream]

    var kind: TransportError.Code {
        if exceededSizeLimit || exceededHeaderLimit { return .responseTooLarge }
        // A request that must not repeat and whose connection dropped once it was sent may have
        // been acted on: say so, rather than a generic failure that invites a retry.
        if refusedResend { return .droppedAfterSending }
        if !isIdempotent, requestWasSent, Self.droppedConnectionCodes.contains(code) { return .droppedAfterSending }
        if usesProxy, proxyConnectCode != 0, !(200..<300).contains(proxyConnectCode) { return .proxyFailure }
        switch code {
        case Self.unsupportedProtocol: return .insecureURL
        case Self.urlMalformat: return .malformedURL
        case Self.couldntResolveProxy, Self.proxy: return .proxyFailure
        case Self.couldntResolveHost: return .couldNotResolveHost
        case Self.couldntConnect: return usesProxy ? .proxyFailure : .couldNotConnect
        case Self.operationTimedOut: return .timedOut
        case Self.abortedByCallback: return .cancelled
        case Self.filesizeExceeded: return .responseTooLarge
        case Self.peerFailedVerification:
            switch sslVerifyResult {
            case Self.x509CertHasExpired, Self.x509CertNotYetValid: return .certificateExpired
            case Self.x509HostnameMismatch: return .hostnameMismatch
            default:
                // libcurl checks the host name itself after OpenSSL accepted the chain; its
                // verify result is then not specific, but its message is stable across versions.
                let lowered = message.lowercased()
                if lowered.contains("subject name") || lowered.contains("does not match target host") {
                    return .hostnameMismatch
                }
                return .untrustedCertificate
            }
        case Self.sslIssuerError: return .untrustedCertificate
        case Self.sslCACertBadFile: return .invalidConfiguration
        case Self.sslConnectError, Self.sslCertProblem, Self.sslCipher: return .tlsFailure
        default: return .connectionFailed
        }
    }

    private var reason: String {
        if exceededHeaderLimit { return "the response header section passed \(CurlSettings.maximumHeaderBytes / 1024) KiB" }
        if refusedResend { return "the connection dropped after the request was sent; libcurl's automatic second send was refused" }
        var parts = ["libcurl error \(code)"]
        let detail = Self.withoutQuery(message)
        if !detail.isEmpty { parts[0] += ": \(detail)" }
        if sslVerifyResult != 0 { parts.append("X509 verify result \(sslVerifyResult)") }
        if osErrno != 0 { parts.append("errno \(osErrno)") }
        if proxyConnectCode != 0 { parts.append("proxy answered CONNECT with \(proxyConnectCode)") }
        return parts.joined(separator: "; ")
    }

    /// Cuts anything from a `?` on: libcurl messages can quote a URL, and query strings may carry
    /// codes or tokens.
    static func withoutQuery(_ text: String) -> String {
        guard let mark = text.firstIndex(of: "?") else { return text }
        return String(text[..<mark]) + "…"
    }
}
