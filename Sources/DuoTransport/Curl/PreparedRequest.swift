/// A request checked and turned into what libcurl needs, before it crosses to the loop thread.
struct PreparedRequest: Sendable {
    var url: String
    var method: String
    var body: [UInt8]
    /// `Name: value` lines (an empty value is sent as `Name;`, libcurl's spelling).
    var headerLines: [String]
    /// `CURLOPT_PROTOCOLS_STR`: exactly the scheme that was allowed ("https", or "http" to a
    /// loopback host when the configuration allows it).
    var protocols: String
    var connectTimeoutMilliseconds: Int
    var totalTimeoutMilliseconds: Int
    /// ``HTTPRequest/isIdempotent``: whether libcurl may send the request a second time.
    var isIdempotent: Bool
}

extension Duration {
    /// Whole milliseconds, at least 1 (libcurl reads 0 as "no limit").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
        guard !milliseconds.overflow else { return Int.max }
        return max(1, Int(clamping: milliseconds.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
