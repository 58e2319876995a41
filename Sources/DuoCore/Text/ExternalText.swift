/// Text that came from outside (Duo's answers, a callback query, a request header) made safe to
/// put into an error, a description or a log line.
///
/// A CR or LF in Duo's `error_description` would otherwise start a forged log line, and an
/// escape sequence would repaint an operator's terminal. Control characters (C0, DEL, C1), line
/// and paragraph separators and bidirectional overrides become `?`; the text is cut to `limit`
/// characters, with `…` marking the cut.
package enum ExternalText {
    /// The default bound: enough for any message Duo writes, short enough for one log line.
    package static let defaultLimit = 300

    /// The sanitised, bounded text.
    ///
    /// - Parameters:
    ///   - text: The text as received.
    ///   - limit: The most characters kept (at least 1).
    package static func sanitized(_ text: String, limit: Int = defaultLimit) -> String {
        let bound = max(1, limit)
        var result = String.UnicodeScalarView()
        var kept = 0
        for scalar in text.unicodeScalars {
            guard kept < bound else {
                result.append("…")
                return String(result)
            }
            result.append(isHostile(scalar) ? "?" : scalar)
            kept += 1
        }
        return String(result)
    }

    /// The sanitised text, or `nil` for `nil`.
    package static func sanitized(_ text: String?, limit: Int = defaultLimit) -> String? {
        text.map { sanitized($0, limit: limit) }
    }

    private static func isHostile(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (CR, LF, ESC, NEL among them)
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional controls
        default: return false
        }
    }
}
