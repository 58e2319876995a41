/// Reads a fuzz input as a sequence of choices and byte runs, so one input can pick a mode and
/// then carry data for it. Everything past the choices is the data; an empty input gives zeros.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// Copies libFuzzer's buffer.
    ///
    /// - Parameters:
    ///   - start: libFuzzer's data pointer (may be a dangling pointer when `count` is 0).
    ///   - count: The number of bytes.
    public init(_ start: UnsafePointer<UInt8>, _ count: Int) {
        bytes = count == 0 ? [] : Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// All the bytes, ignoring what was consumed.
    public var all: [UInt8] { bytes }

    /// One byte, or 0 when the input is used up.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// One of `choices`, picked by the next byte.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }

    /// The bytes not consumed yet.
    public mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }

    /// The bytes up to the next `separator` (consumed, not returned), or the rest.
    public mutating func until(_ separator: UInt8) -> [UInt8] {
        guard position < bytes.count else { return [] }
        let tail = bytes[position...]
        guard let end = tail.firstIndex(of: separator) else { return rest() }
        defer { position = end + 1 }
        return Array(bytes[position..<end])
    }
}
