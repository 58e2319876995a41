/// The one JSON reader for every document that comes from outside: id_token headers and
/// payloads, token and health-check answers, Auth API answers and provider files.
///
/// It reads RFC 8259 JSON and refuses, with the reason, everything a second reader could read
/// differently:
/// - a repeated member name in any object (Duo never sends one; readers disagree on which value
///   wins, so a signed payload with `auth_result` allow then deny must not be read at all);
/// - bytes that are not UTF-8, raw control characters in strings, lone surrogate escapes;
/// - nesting deeper than ``maximumDepth``, and documents longer than the caller's limit;
/// - numbers that do not fit a `Double` (an overflow to infinity) and anything after the value.
///
/// Member names are compared as Swift strings, so two spellings that a `[String: JSONValue]`
/// would merge (an escaped and a plain `a`, composed and decomposed `é`) count as a repeat.
package enum JSONReader {
    /// The deepest nesting accepted. Duo's deepest answer (an Auth API device list) nests four
    /// levels; the bound keeps hostile documents from costing more than their length.
    package static let maximumDepth = 32

    /// The default size limit in bytes. Duo's answers are a few kilobytes.
    package static let defaultMaximumLength = 1 << 20

    /// Why a document was refused.
    package struct Failure: Error, Sendable, Equatable {
        /// What was wrong and where (a byte offset); never the document's text.
        package let reason: String
    }

    /// Reads a whole document holding any JSON value.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - maximumLength: The longest document accepted, in bytes.
    /// - Returns: The value.
    /// - Throws: ``Failure`` naming the first problem.
    package static func read(_ bytes: [UInt8], maximumLength: Int = defaultMaximumLength) throws(Failure) -> JSONValue {
        guard bytes.count <= maximumLength else {
            throw Failure(reason: "the document has \(bytes.count) bytes, more than the limit of \(maximumLength)")
        }
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw reader.failure("unexpected text after the value") }
        return value
    }

    /// Reads a whole document that must be one JSON object.
    ///
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - maximumLength: The longest document accepted, in bytes.
    /// - Returns: The object's members.
    /// - Throws: ``Failure`` naming the first problem, or saying the document is not an object.
    package static func readObject(_ bytes: [UInt8], maximumLength: Int = defaultMaximumLength) throws(Failure) -> [String: JSONValue] {
        guard case .object(let members) = try read(bytes, maximumLength: maximumLength) else {
            throw Failure(reason: "the document is not a JSON object")
        }
        return members
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func failure(_ what: String) -> Failure { Failure(reason: "\(what) (byte \(index))") }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard let byte = peek() else { throw failure("the document ends where a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw failure("a value cannot start with byte 0x\(String(byte, radix: 16))")
            }
        }

        mutating func literal(_ text: String, _ result: JSONValue) throws(Failure) -> JSONValue {
            for expected in text.utf8 {
                guard peek() == expected else { throw failure("not a JSON literal") }
                index += 1
            }
            return result
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= JSONReader.maximumDepth else { throw failure("nesting deeper than \(JSONReader.maximumDepth) levels") }
            index += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw failure("a member name must be a string") }
                let nameOffset = index
                let name = try string()
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
                index += 1
                skipWhitespace()
                let member = try value(depth: depth)
                guard members.updateValue(member, forKey: name) == nil else {
                    throw Failure(reason: "a member name is repeated (byte \(nameOffset))")
                }
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "}")?:
                    index += 1
                    return .object(members)
                default: throw failure("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= JSONReader.maximumDepth else { throw failure("nesting deeper than \(JSONReader.maximumDepth) levels") }
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth))
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "]")?:
                    index += 1
                    return .array(elements)
                default: throw failure("expected ',' or ']' in an array")
                }
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer that fits `Int64`
        /// becomes ``JSONValue/integer(_:)``, any other finite number ``JSONValue/double(_:)``.
        mutating func number() throws(Failure) -> JSONValue {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), isDigit(first) else { throw failure("a number needs a digit after '-'") }
            index += 1
            if first == UInt8(ascii: "0"), let next = peek(), isDigit(next) { throw failure("a number cannot have a leading zero") }
            skipDigits()
            var isInteger = true
            if peek() == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard let digit = peek(), isDigit(digit) else { throw failure("a fraction needs a digit") }
                skipDigits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek(), isDigit(digit) else { throw failure("an exponent needs a digit") }
                skipDigits()
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite else { throw failure("a number is too large") }
            return .double(value)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func skipDigits() {
            while let byte = peek(), isDigit(byte) { index += 1 }
        }

        /// A string; the reader stands on its opening quote.
        mutating func string() throws(Failure) -> String {
            index += 1
            var decoded: [UInt8] = []
            var runStart = index
            var isASCII = true
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    let text: String?
                    if decoded.isEmpty, isASCII {
                        // ASCII is valid UTF-8, so it skips the validation pass (a tenth of reading an id_token).
                        text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                    } else if decoded.isEmpty {
                        text = String(validating: bytes[runStart..<index], as: UTF8.self)
                    } else {
                        decoded.append(contentsOf: bytes[runStart..<index])
                        text = String(validating: decoded, as: UTF8.self)
                    }
                    guard let text else { throw failure("a string is not valid UTF-8") }
                    index += 1
                    return text
                case UInt8(ascii: "\\"):
                    decoded.append(contentsOf: bytes[runStart..<index])
                    index += 1
                    try escape(into: &decoded)
                    runStart = index
                case 0..<0x20:
                    throw failure("a raw control character in a string")
                default:
                    isASCII = isASCII && byte < 0x80
                    index += 1
                }
            }
            throw failure("a string is not closed")
        }

        /// The escape after a backslash, appended as UTF-8.
        mutating func escape(into decoded: inout [UInt8]) throws(Failure) {
            guard let escape = peek() else { throw failure("a string ends inside an escape") }
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard peek() == UInt8(ascii: "\\") else { throw failure("a lone surrogate escape") }
                    index += 1
                    guard peek() == UInt8(ascii: "u") else { throw failure("a lone surrogate escape") }
                    index += 1
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let character = Unicode.Scalar(scalar) else { throw failure("a lone surrogate escape") }
                decoded.append(contentsOf: String(character).utf8)
            default:
                throw failure("an unknown escape")
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek(), let digit = Hex.digitValue(byte) else { throw failure("'\\u' needs four hex digits") }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
