#if Emulator
import DuoWebSDK

/// Reading HTML form bodies and writing HTML text safely; shared by the emulator's pages and
/// the login demo.
public enum HTMLForm {
    /// Decodes `application/x-www-form-urlencoded` text (the first value of a repeated name
    /// wins); malformed text gives an empty form.
    public static func decode(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in FormEncoding.decode(text) ?? [] where result[name] == nil { result[name] = value }
        return result
    }

    /// Escapes text for HTML element content and quoted attribute values.
    public static func escape(_ text: some StringProtocol) -> String { HTML.escape(text) }
}
#endif
