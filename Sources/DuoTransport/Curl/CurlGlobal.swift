import CCurlShims

/// `curl_global_init`, run once per process before the first handle is made.
///
/// libcurl requires it before any other call and before threads use it; a `static let` gives
/// exactly-once, thread-safe initialisation.
enum CurlGlobal {
    private static let result: Bool = ccurl_global_init_default() == CURLE_OK

    /// Initialises libcurl if needed; `false` when libcurl could not initialise.
    static func ensureInitialized() -> Bool { result }
}
