import CCurl
import CCurlShims

/// One libcurl easy handle (`CURL *`) with typed option setters.
///
/// Owned by the transfer loop's thread and never shared: deliberately not `Sendable`. Handles are
/// kept in a small free list and reused between transfers; the connections themselves live in the
/// multi handle's connection cache, so reuse does not depend on which handle runs a request.
final class EasyHandle {
    /// The `CURL *`.
    let raw: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its last message here.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let errorBufferSize: Int
    /// Whether the transport-wide options (``CurlSettings/apply(to:)``) are set on this handle;
    /// they stay set across transfers until the next ``reset()``.
    var hasTransportSettings = false

    /// Creates a handle, or returns `nil` when libcurl cannot.
    init?() {
        guard CurlGlobal.ensureInitialized(), let raw = curl_easy_init() else { return nil }
        self.raw = raw
        errorBufferSize = ccurl_error_size()
        errorBuffer = .allocate(capacity: errorBufferSize)
        errorBuffer.initialize(repeating: 0, count: errorBufferSize)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Resets every option to libcurl's default, keeping the caches (connections live in the
    /// multi handle), and re-attaches the error buffer.
    func reset() throws(TransportError) {
        curl_easy_reset(raw)
        hasTransportSettings = false
        errorBuffer[0] = 0
        try check(ccurl_easy_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
    }

    /// Forgets the previous transfer's error message.
    func clearErrorMessage() {
        errorBuffer[0] = 0
    }

    /// libcurl's last error message for this handle (empty when none).
    var errorMessage: String {
        errorBuffer[errorBufferSize - 1] = 0
        return String(cString: errorBuffer)
    }

    func set(_ option: CURLoption, _ value: Int, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_long(raw, option, value), name)
    }

    func set(_ option: CURLoption, _ value: Bool, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_long(raw, option, value ? 1 : 0), name)
    }

    func set(_ option: CURLoption, offset value: Int64, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_off_t(raw, option, curl_off_t(value)), name)
    }

    /// Sets a string option (libcurl copies it); `nil` resets it.
    func set(_ option: CURLoption, _ value: String?, _ name: StaticString) throws(TransportError) {
        let code: CURLcode
        if let value {
            code = value.withCString { ccurl_easy_setopt_string(raw, option, $0) }
        } else {
            code = ccurl_easy_setopt_string(raw, option, nil)
        }
        try check(code, name)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_pointer(raw, option, pointer), name)
    }

    /// Sets a blob option; libcurl copies the bytes.
    func set(_ option: CURLoption, blob: [UInt8], _ name: StaticString) throws(TransportError) {
        let code = blob.withUnsafeBytes { ccurl_easy_setopt_blob(raw, option, $0.baseAddress, $0.count) }
        try check(code, name)
    }

    /// Passes a pointer to the bytes for an option that copies them at once (`COPYPOSTFIELDS`).
    func set(_ option: CURLoption, copying bytes: [UInt8], _ name: StaticString) throws(TransportError) {
        let code = bytes.withUnsafeBytes { ccurl_easy_setopt_pointer(raw, option, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        try check(code, name)
    }

    func set(_ option: CURLoption, callback: ccurl_data_callback, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_data_callback(raw, option, callback), name)
    }

    func set(prereqCallback callback: ccurl_prereq_callback, _ name: StaticString) throws(TransportError) {
        try check(ccurl_easy_setopt_prereq_callback(raw, callback), name)
    }

    /// Keeps OpenSSL from handing TLS secrets to libcurl's `SSLKEYLOGFILE` writer
    /// (`CURLOPT_SSL_CTX_FUNCTION`). A no-op with a TLS library through which libcurl writes no
    /// key log; refused (fail closed) when the library is OpenSSL but its key-log switch cannot
    /// be found.
    func disableTLSKeyLog() throws(TransportError) {
        let code = ccurl_easy_disable_tls_key_log(raw)
        guard code != CURLE_NOT_BUILT_IN else { return }
        guard code != CURLE_FUNCTION_NOT_FOUND else {
            throw TransportError(.invalidConfiguration, reason: "libcurl uses OpenSSL, but SSL_CTX_set_keylog_callback was not found: the TLS key log (SSLKEYLOGFILE) cannot be turned off")
        }
        try check(code, "SSL_CTX_FUNCTION")
    }

    func info(long info: CURLINFO) -> Int {
        var value = 0
        guard ccurl_easy_getinfo_long(raw, info, &value) == CURLE_OK else { return 0 }
        return value
    }

    /// Fails when libcurl refuses an option: a refused security option (CA blob, protocol list)
    /// must stop the transfer, never silently fall back to a weaker default.
    private func check(_ code: CURLcode, _ name: StaticString) throws(TransportError) {
        guard code == CURLE_OK else {
            let text = String(cString: curl_easy_strerror(code))
            throw TransportError(.invalidConfiguration, reason: "libcurl refused option \(name): \(text) (this libcurl may be too old; 7.85 or later is needed)")
        }
    }
}
