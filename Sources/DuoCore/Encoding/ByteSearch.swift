#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding one byte value in a buffer with the C library's `memchr`, which compares many bytes
/// per instruction; `firstIndex(of:)` compares one at a time.
///
/// Splitting a compact JWT at its two dots scans the whole token (about a kilobyte for Duo's
/// id_token): byte by byte that was a sixteenth of verifying it.
enum ByteSearch {
    /// The index of the first `byte` in `bytes` at or after `start`, or `nil`.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start >= 0, start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
}
