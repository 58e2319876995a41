import Foundation

/// A second opinion on JSON text for the slow path, where `JSONDecoder` reads a document.
///
/// Foundation's `JSONDecoder` on Linux keeps the first value of a repeated key and skips the
/// later ones without checking them, so a document that is not JSON (raw control characters or
/// invalid UTF-8 inside a repeated key's string) decodes. Fuzzing the Auth API client found
/// such answers read as `stat` OK while `JSONSerialization` refused them. Callers that must
/// refuse malformed answers ask this first.
package enum JSONWellFormedness {
    /// Whether `JSONSerialization` also reads the bytes as JSON (a document of any kind).
    ///
    /// - Parameter bytes: UTF-8 JSON text.
    /// - Returns: `false` for text that is not well-formed JSON.
    package static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }
}
