import CCurl
import CCurlShims

/// The transport-wide options, validated once at `CurlTransport.init` and applied to every
/// transfer.
///
/// Every option that libcurl would otherwise fill from the environment is set here, so that a
/// variable of the process (`no_proxy`, `SSLKEYLOGFILE`, a `.netrc` under `HOME`)
/// never changes where a request goes, what it carries or who can read it.
struct CurlSettings: Sendable {
    /// The largest response header section accepted, all header lines of all header blocks of
    /// one transfer together. Duo's headers take well under 2 KiB; libcurl's own bound is far
    /// larger (100 KiB per line; for the section none before 8.3, 300 KiB since).
    static let maximumHeaderBytes = 64 * 1024

    /// The CA bundle given to `CURLOPT_CAINFO_BLOB`, or `nil` for the system store.
    var caBundle: [UInt8]?
    /// `CURLOPT_PROXY`; `""` disables proxies (and the environment variables), `nil` leaves
    /// libcurl to read `https_proxy`/`no_proxy`.
    var proxy: String?
    /// `CURLOPT_NOPROXY`; `""` means "no exceptions" and keeps libcurl from reading
    /// `no_proxy`/`NO_PROXY`, `nil` leaves libcurl to read them.
    var noProxy: String?
    var proxyUsername: String?
    var proxyPassword: String?
    var userAgent: String
    var maximumIdleSeconds: Int
    var maximumResponseBytes: Int
    /// Whether a request that is not idempotent goes on a new connection (`CURLOPT_FRESH_CONNECT`),
    /// where libcurl never re-sends it. Always `true` in production; the tests turn it off to show
    /// that the re-send guard of `TransferJob` holds by itself.
    var opensFreshConnectionsForNonIdempotentRequests = true

    /// Applies the options that do not depend on the request, after a reset.
    func apply(to handle: EasyHandle) throws(TransportError) {
        try handle.set(CURLOPT_NOSIGNAL, true, "NOSIGNAL")
        try handle.set(CURLOPT_FOLLOWLOCATION, false, "FOLLOWLOCATION")
        try handle.set(CURLOPT_REDIR_PROTOCOLS_STR, "https", "REDIR_PROTOCOLS_STR")
        try handle.set(CURLOPT_SSL_VERIFYPEER, true, "SSL_VERIFYPEER")
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2, "SSL_VERIFYHOST")
        // TLS 1.2 at least, whatever the OpenSSL configuration (`OPENSSL_CONF`) allows; Duo
        // speaks 1.2 and 1.3.
        try handle.set(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2), "SSLVERSION")
        try handle.disableTLSKeyLog()
        try handle.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1), "HTTP_VERSION")
        // Never credentials from a `.netrc` file (found through HOME, or NETRC since libcurl
        // 8.16): libcurl's default today, set so that it stays so.
        try handle.set(CURLOPT_NETRC, Int(CURL_NETRC_IGNORED.rawValue), "NETRC")
        if let caBundle {
            // Only these roots: the blob replaces CAINFO, and CAPATH is cleared so that no
            // directory of system certificates is consulted either.
            try handle.set(CURLOPT_CAINFO_BLOB, blob: caBundle, "CAINFO_BLOB")
            try handle.set(CURLOPT_CAINFO, nil, "CAINFO")
            try handle.set(CURLOPT_CAPATH, nil, "CAPATH")
        }
        if let proxy {
            try handle.set(CURLOPT_PROXY, proxy, "PROXY")
        }
        if let noProxy {
            try handle.set(CURLOPT_NOPROXY, noProxy, "NOPROXY")
        }
        if proxy != "" {
            // HTTPS through a proxy is always a CONNECT tunnel, end to end TLS to Duo.
            try handle.set(CURLOPT_HTTPPROXYTUNNEL, true, "HTTPPROXYTUNNEL")
            try handle.set(CURLOPT_SUPPRESS_CONNECT_HEADERS, true, "SUPPRESS_CONNECT_HEADERS")
            if let proxyUsername { try handle.set(CURLOPT_PROXYUSERNAME, proxyUsername, "PROXYUSERNAME") }
            if let proxyPassword { try handle.set(CURLOPT_PROXYPASSWORD, proxyPassword, "PROXYPASSWORD") }
        }
        try handle.set(CURLOPT_USERAGENT, userAgent, "USERAGENT")
        try handle.set(CURLOPT_MAXAGE_CONN, maximumIdleSeconds, "MAXAGE_CONN")
        try handle.set(CURLOPT_TCP_KEEPALIVE, true, "TCP_KEEPALIVE")
        try handle.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(maximumResponseBytes), "MAXFILESIZE_LARGE")
    }
}
