/// Writes a flat JSON object straight into bytes as members are added, for claims whose keys
/// are literals added in ascending order: the same bytes as ``SortedJSONObjectWriter`` (and so
/// as ``JWTSigner``'s `JSONEncoder`), without collecting, sorting or copying the members first.
///
/// It signs every authorization request and client assertion, where the intermediate member
/// list of ``SortedJSONObjectWriter`` (an allocation and a retain per member) cost as much as
/// the JSON itself. Like that writer it covers only what it can match exactly: string values of
/// printable ASCII (escaping just `"` and `\`), integers and booleans. Anything else, or keys
/// that are not strictly ascending printable ASCII, makes ``bytes()`` return `nil`, and the
/// caller signs through `JSONEncoder` as before.
package struct OrderedJSONObjectWriter {
    private var output: [UInt8]
    private var isRepresentable = true
    private var previousKey: StaticString?

    /// Creates an empty object.
    ///
    /// - Parameter capacity: The expected size in bytes, to allocate once.
    package init(capacity: Int) {
        output = []
        output.reserveCapacity(capacity)
        output.append(UInt8(ascii: "{"))
    }

    /// Adds a string member.
    package mutating func add(_ key: StaticString, _ value: String) {
        guard beginMember(key) else { return }
        var value = value
        // `withUTF8` hands over the string's own contiguous bytes (no copy for native strings).
        isRepresentable = value.withUTF8 { JSONQuotedASCII.append($0, to: &output) }
    }

    /// Adds a string member when the value is not `nil` (like `encodeIfPresent`).
    package mutating func add(_ key: StaticString, _ value: String?) {
        if let value { add(key, value) }
    }

    /// Adds an integer member.
    package mutating func add(_ key: StaticString, _ value: Int64) {
        guard beginMember(key) else { return }
        Self.appendDecimal(value, to: &output)
    }

    /// Adds an integer member when the value is not `nil`.
    package mutating func add(_ key: StaticString, _ value: Int?) {
        if let value { add(key, Int64(value)) }
    }

    /// Adds a boolean member.
    package mutating func add(_ key: StaticString, _ value: Bool) {
        guard beginMember(key) else { return }
        output.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    /// The JSON bytes, or `nil` when a key or value is outside what this writer reproduces exactly.
    package consuming func bytes() -> [UInt8]? {
        guard isRepresentable else { return nil }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)

    /// Writes `,"key":` after checking that the key is printable ASCII needing no escape and
    /// sorts after the previous one; returns `false` (and marks the object unusable) otherwise.
    private mutating func beginMember(_ key: StaticString) -> Bool {
        guard isRepresentable, key.hasPointerRepresentation else {
            isRepresentable = false
            return false
        }
        let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        let plain = keyBytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if let previousKey {
            let previousBytes = UnsafeBufferPointer(start: previousKey.utf8Start, count: previousKey.utf8CodeUnitCount)
            // Byte order is JSONEncoder's sorted-keys order for ASCII keys; equal keys are refused.
            guard plain, previousBytes.lexicographicallyPrecedes(keyBytes) else {
                isRepresentable = false
                return false
            }
            output.append(UInt8(ascii: ","))
        } else if !plain {
            isRepresentable = false
            return false
        }
        previousKey = key
        output.append(UInt8(ascii: "\""))
        output.append(contentsOf: keyBytes)
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
        return true
    }

    /// Appends an integer in plain decimal, as `JSONEncoder` writes `Int64` (no `String` made).
    private static func appendDecimal(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 20 digits hold UInt64.max; digits are produced from the right.
        var digits = (UInt64(0), UInt64(0), UInt64(0)) // 24 bytes of stack space
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                // `start` stays above 24 - 20 = 4, since at most 20 digits are written.
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }
}
