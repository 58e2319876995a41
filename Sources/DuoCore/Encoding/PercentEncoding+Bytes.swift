extension PercentEncoding {
    /// Appends the percent-encoding of text (as UTF-8) to a byte buffer: the same bytes as
    /// ``encode(_:)``, for callers that assemble a larger string (Duo's canonical parameter
    /// string) and would otherwise build, and throw away, one `String` per name and value.
    ///
    /// - Parameters:
    ///   - text: Any text.
    ///   - output: The buffer to append to.
    public static func append(encoding text: String, to output: inout [UInt8]) {
        // The string's contiguous UTF-8 (native and small strings have one) is read as a
        // buffer: walking `utf8` index by index costs several times more per byte.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEncoding($0, to: &output) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendEncoding($0, to: &output) } }
    }

    /// Writes the percent-encoding of text (as UTF-8) at `target`: the same bytes as
    /// ``append(encoding:to:)``, for callers that assemble a larger text in their own buffer.
    ///
    /// - Parameters:
    ///   - text: Any text.
    ///   - target: Room for at least `3 * text.utf8.count` bytes (every byte encodes to at most
    ///     three).
    /// - Returns: The number of bytes written.
    package static func write(encoding text: String, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let written = text.utf8.withContiguousStorageIfAvailable({ writeEncoding($0, to: target) }) { return written }
        return Array(text.utf8).withUnsafeBufferPointer { writeEncoding($0, to: target) }
    }

    /// ``isUnreserved(_:)`` for every byte value: one table read and one branch per byte instead
    /// of a chain of range comparisons (this loop runs over every byte of every signed parameter).
    private static let unreservedBytes: [Bool] = (0...255).map { isUnreserved(UInt8($0)) }

    private static func writeEncoding(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        unreservedBytes.withUnsafeBufferPointer { unreserved in
            // `written` grows by at most 3 per input byte, within the room the caller gives.
            var written = 0
            for byte in bytes {
                if unreserved[Int(byte)] {
                    target[written] = byte
                    written &+= 1
                } else {
                    target[written] = UInt8(ascii: "%")
                    target[written &+ 1] = upperHexDigit(byte >> 4)
                    target[written &+ 2] = upperHexDigit(byte & 0x0F)
                    written &+= 3
                }
            }
            return written
        }
    }

    /// The number of bytes ``append(encoding:to:)`` appends for `text`, to size a buffer once.
    public static func encodedCount(of text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable(encodedCount) ?? encodedCount(text.utf8)
    }

    /// Copies each run of unreserved bytes in one go (most bytes of names and values are
    /// unreserved) and escapes the bytes between runs.
    private static func appendEncoding(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices where !isUnreserved(bytes[index]) {
            // Bounds: runStart <= index < bytes.count, both taken from `bytes.indices`.
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            let byte = bytes[index]
            output.append(UInt8(ascii: "%"))
            output.append(upperHexDigit(byte >> 4))
            output.append(upperHexDigit(byte & 0x0F))
            runStart = index + 1
        }
        // Bounds: runStart <= bytes.count (at most one past the last escaped index).
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    private static func encodedCount(_ bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        for byte in bytes { count += isUnreserved(byte) ? 1 : 3 }
        return count
    }

    @inline(__always)
    private static func upperHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") - 10 + nibble
    }
}
