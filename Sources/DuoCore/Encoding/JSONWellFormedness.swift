import Foundation

/// A second opinion on JSON text for the slow path, where `JSONDecoder` reads a document.
///
/// Foundation's `JSONDecoder` on Linux keeps the first value of a repeated key and skips the
/// later ones without checking them. Fuzzing the Auth API client found two consequences:
/// - a document that is not JSON (raw control characters or invalid UTF-8 inside a repeated
///   key's string) decodes, and was read as `stat` OK while `JSONSerialization` refused it;
/// - `{"stat":"OK","response":{...},"response":[1]}` decodes to the *first* `response`, while
///   `JSONSerialization` and Duo's own Python client take the *last*: two readers of one answer
///   disagree, which is how response-splitting and substitution bugs start.
///
/// Duo never repeats a key, so a repeated key is refused outright (fail closed), as DuoCore's
/// strict reader does on the fast path. Callers that must refuse malformed answers ask this first.
package enum JSONWellFormedness {
    /// Whether the bytes are JSON that `JSONSerialization` reads (a document of any kind) and
    /// no object in it repeats a key.
    ///
    /// Keys are compared after unescaping (`"a"` and `"\u0061"` are the same key) and as Swift
    /// strings, that is the way a `[String: JSONValue]` would see them.
    ///
    /// - Parameter bytes: UTF-8 JSON text.
    /// - Returns: `false` for text that is not well-formed JSON or that repeats a key.
    package static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        guard (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil else {
            return false
        }
        return !repeatsAKey(bytes)
    }

    /// Whether any object repeats a key. Only meaningful for well-formed JSON (checked first), so
    /// the scan follows structure, strings and escapes and nothing else.
    static func repeatsAKey(_ bytes: [UInt8]) -> Bool {
        // One entry per open container: the keys seen so far (objects) and whether the next
        // string is a key.
        var containers: [(isObject: Bool, keys: Set<String>, expectsKey: Bool)] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"):
                containers.append((true, [], true))
            case UInt8(ascii: "["):
                containers.append((false, [], false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = containers.popLast()
            case UInt8(ascii: ","):
                if let last = containers.indices.last, containers[last].isObject {
                    containers[last].expectsKey = true
                }
            case UInt8(ascii: "\""):
                let (text, end) = string(in: bytes, from: index + 1)
                index = end
                if let last = containers.indices.last, containers[last].isObject, containers[last].expectsKey {
                    containers[last].expectsKey = false
                    if !containers[last].keys.insert(text).inserted { return true }
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// The unescaped text of the string whose first content byte is at `start`, and the index of
    /// its closing quote. Lone surrogates become U+FFFD (two such keys then compare equal: refused,
    /// which fails closed).
    private static func string(in bytes: [UInt8], from start: Int) -> (String, Int) {
        var units: [UInt16] = []
        var index = start
        var runStart = start
        func flushRun(upTo end: Int) {
            if end > runStart { units.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).utf16) }
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            flushRun(upTo: index)
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "t"): units.append(0x09)
            case UInt8(ascii: "u") where index + 4 <= bytes.count:
                let hex = String(decoding: bytes[index..<(index + 4)], as: UTF8.self)
                units.append(UInt16(hex, radix: 16) ?? 0xFFFD)
                index += 4
            default: units.append(UInt16(escape))  // \" \\ \/
            }
            runStart = index
        }
        flushRun(upTo: min(index, bytes.count))
        return (String(decoding: units, as: UTF16.self), index)
    }
}
