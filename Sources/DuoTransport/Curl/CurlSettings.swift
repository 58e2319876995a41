import CCurl

/// The transport-wide options, validated once at `CurlTransport.init` and applied to every
/// transfer.
struct CurlSettings: Sendable {
    /// The CA bundle given to `CURLOPT_CAINFO_BLOB`, or `nil` for the system store.
    var caBundle: [UInt8]?
    /// `CURLOPT_PROXY`; `""` disables proxies (and the environment variables), `nil` leaves
    /// libcurl to read `https_proxy`/`no_proxy`.
    var proxy: String?
    var proxyUsername: String?
    var proxyPassword: String?
    var userAgent: String
    var maximumIdleSeconds: Int
    var maximumResponseBytes: Int

    /// Applies the options that do not depend on the request, after a reset.
    func apply(to handle: EasyHandle) throws(TransportError) {
        try handle.set(CURLOPT_NOSIGNAL, true, "NOSIGNAL")
        try handle.set(CURLOPT_FOLLOWLOCATION, false, "FOLLOWLOCATION")
        try handle.set(CURLOPT_SSL_VERIFYPEER, true, "SSL_VERIFYPEER")
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2, "SSL_VERIFYHOST")
        try handle.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1), "HTTP_VERSION")
        if let caBundle {
            // Only these roots: the blob replaces CAINFO, and CAPATH is cleared so that no
            // directory of system certificates is consulted either.
            try handle.set(CURLOPT_CAINFO_BLOB, blob: caBundle, "CAINFO_BLOB")
            try handle.set(CURLOPT_CAPATH, nil, "CAPATH")
        }
        if let proxy {
            try handle.set(CURLOPT_PROXY, proxy, "PROXY")
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
