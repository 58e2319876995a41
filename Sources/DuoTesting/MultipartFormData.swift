import Foundation

/// Reads the text fields of a `multipart/form-data` body (RFC 7578), the encoding Duo's PHP
/// client gives its form fields because it hands cURL an array.
enum MultipartFormData {
    /// The `(name, value)` fields in order, or `nil` when the content type names no boundary or
    /// the body is not well-formed multipart text.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - contentType: The `Content-Type` header value, with its `boundary` parameter.
    static func fields(of body: [UInt8], contentType: String) -> [(String, String)]? {
        guard let boundary = boundary(in: contentType), let text = String(validating: body, as: UTF8.self) else { return nil }
        let delimiter = "--" + boundary
        // Everything before the first delimiter is a preamble, everything after the closing
        // delimiter an epilogue; both are ignored.
        var sections = text.components(separatedBy: delimiter)
        guard sections.count >= 2 else { return nil }
        sections.removeFirst()
        var fields: [(String, String)] = []
        for section in sections {
            if section.hasPrefix("--") { return fields }
            guard section.hasPrefix("\r\n"), let split = section.range(of: "\r\n\r\n") else { return nil }
            // `"\r\n".count` is 1: Swift counts CR LF as one Character.
            let headers = section.dropFirst("\r\n".count)[..<split.lowerBound]
            var value = section[split.upperBound...]
            // The CRLF before the next delimiter belongs to the delimiter.
            guard value.hasSuffix("\r\n") else { return nil }
            value = value.dropLast("\r\n".count)
            guard let name = fieldName(in: headers) else { return nil }
            fields.append((name, String(value)))
        }
        // No closing delimiter.
        return nil
    }

    /// The `boundary` parameter of a `multipart/form-data` content type (quoted or not).
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let trimmed = parameter.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("boundary=") else { continue }
            var value = Substring(trimmed.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.count) ? String(value) : nil
        }
        return nil
    }

    /// The `name` of a part's `Content-Disposition: form-data; name="…"` header.
    private static func fieldName(in headers: Substring) -> String? {
        for line in headers.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            for parameter in line[line.index(after: colon)...].split(separator: ";") {
                let trimmed = parameter.trimmingCharacters(in: .whitespaces)
                guard trimmed.lowercased().hasPrefix("name=") else { continue }
                var value = Substring(trimmed.dropFirst("name=".count))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
                return String(value)
            }
        }
        return nil
    }
}
