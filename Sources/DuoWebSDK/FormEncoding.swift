import DuoCore

/// `application/x-www-form-urlencoded` and query strings for the Universal Prompt endpoints,
/// shared with `DuoTesting` and `DuoEmulator`: DuoCore's ``PercentEncoding`` under the names
/// these call sites use.
package enum FormEncoding {
    /// RFC 3986 unreserved characters pass through; everything else is percent-encoded (UTF-8).
    package static func percentEncode(_ text: String) -> String { PercentEncoding.encode(text) }

    /// `name=value&...` in the given order.
    package static func encode(_ pairs: [(String, String)]) -> String { PercentEncoding.encodePairs(pairs) }

    /// Decodes `name=value&...`, `+` meaning space; `nil` on a malformed escape or bad UTF-8.
    package static func decode(_ text: some StringProtocol) -> [(String, String)]? { PercentEncoding.decodePairs(text) }
}
