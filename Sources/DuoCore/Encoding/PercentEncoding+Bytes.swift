extension PercentEncoding {
    /// Appends the percent-encoding of text (as UTF-8) to a byte buffer: the same bytes as
    /// ``encode(_:)``, for callers that assemble a larger string (Duo's canonical parameter
    /// string) and would otherwise build, and throw away, one `String` per name and value.
    ///
    /// - Parameters:
    ///   - text: Any text.
    ///   - output: The buffer to append to.
    public static func append(encoding text: String, to output: inout [UInt8]) {
        // Grown once by the exact encoded size, then written by the one encoding loop.
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: encodedCount(of: text)))
        output.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            _ = write(encoding: text, to: base + start)
        }
    }

    /// Writes the percent-encoding of text (as UTF-8) at `target`: the one encoding loop behind
    /// ``encode(_:)`` and ``append(encoding:to:)``, for callers that assemble a larger text in
    /// their own buffer.
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
