/// A small, strict JSON reader for the hot path of token verification.
///
/// It accepts only a conservative subset of RFC 8259 — objects, arrays, strings, `true`,
/// `false`, `null` and plain integers that fit in `Int64` — and returns `nil` for anything else
/// (fractions, exponents, duplicate keys, deep nesting, invalid UTF-8, bad escapes). A `nil`
/// is not a verdict: callers then run Foundation's `JSONDecoder`, which decides and reports
/// exactly as before. So this reader can make decoding faster but never more lenient: whatever
/// it accepts decodes to the same ``JSONValue`` that `JSONDecoder` produces.
package enum StrictJSONParser {
    /// The deepest nesting handled here; deeper documents go to `JSONDecoder`.
    static let maximumDepth = 32

    /// Parses a whole document that must be one JSON object.
    ///
    /// - Parameter bytes: The UTF-8 JSON text.
    /// - Returns: The object's members, or `nil` when the text is outside the subset.
    package static func parseObject(_ bytes: [UInt8]) -> [String: JSONValue]? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer, memberNames: .duo)
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: "{"), case .object(let members)? = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.index == buffer.count ? members : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Member names returned as ready-made strings (read once per document).
        let memberNames: KnownJSONMemberNames
        var index = 0

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> JSONValue? {
            guard depth <= StrictJSONParser.maximumDepth, let byte = peek() else { return nil }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer()
            default: return nil
            }
        }

        mutating func literal(_ text: StaticString, _ result: JSONValue) -> JSONValue? {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count else { return nil }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return nil }
            index += count
            return result
        }

        mutating func object(depth: Int) -> JSONValue? {
            index += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") { index += 1; return .object([:]) }
            // Room for a typical claims object up front: growing 1, 2, 4, 8, 16 rehashed every key.
            var members = [String: JSONValue](minimumCapacity: 16)
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\""), let key = string(isMemberName: true) else { return nil }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace()
                guard let member = value(depth: depth + 1) else { return nil }
                // A repeated key is left to JSONDecoder, which has its own rule for it.
                guard members.updateValue(member, forKey: key) == nil else { return nil }
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "}")?: index += 1; return .object(members)
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> JSONValue? {
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { index += 1; return .array(elements) }
            while true {
                skipWhitespace()
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "]")?: index += 1; return .array(elements)
                default: return nil
                }
            }
        }

        /// A plain integer: `-?(0|[1-9][0-9]*)` fitting in Int64, not `-0`; anything with a
        /// fraction or an exponent is left to JSONDecoder.
        mutating func integer() -> JSONValue? {
            var negative = false
            if peek() == UInt8(ascii: "-") { negative = true; index += 1 }
            let start = index
            var magnitude: UInt64 = 0
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                index += 1
            }
            let length = index - start
            guard length > 0, !(length > 1 && bytes[start] == UInt8(ascii: "0")) else { return nil }
            if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
            if negative {
                guard magnitude != 0, magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return .integer(Int64(bitPattern: 0 &- magnitude))
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return .integer(Int64(magnitude))
        }

        /// A string; the reader stands on its opening quote. A member name without escapes that
        /// `memberNames` lists comes back as the listed string.
        mutating func string(isMemberName: Bool = false) -> String? {
            index += 1
            let start = index
            // Fast scan: no escapes is the common case.
            var highBits: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    let text = (isMemberName ? memberNames.name(utf8) : nil) ?? Self.makeString(utf8, isASCII: highBits & 0x80 == 0)
                    index += 1
                    return text
                }
                highBits |= byte
                if byte == UInt8(ascii: "\\") { break }
                guard byte >= 0x20 else { return nil }
                index += 1
            }
            var decoded = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(validating: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = peek() else { return nil }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        decoded.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    decoded.append(byte)
                    index += 1
                }
            }
            return nil
        }

        /// The string of UTF-8 bytes, or `nil` when they are not valid UTF-8.
        ///
        /// Pure ASCII is valid UTF-8, so it skips the generic validating initialiser (whose
        /// metadata lookups cost more than the copy on the verification path) and gives the
        /// same string.
        static func makeString(_ utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String? {
            isASCII ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }

        /// `XXXX` after `\u`, with a following `\uXXXX` low surrogate when needed; lone
        /// surrogates are left to JSONDecoder.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let first = hex4() else { return nil }
            if (0xD800...0xDBFF).contains(first) {
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
                index += 2
                guard let second = hex4(), (0xDC00...0xDFFF).contains(second) else { return nil }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
            }
            return Unicode.Scalar(first)
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
