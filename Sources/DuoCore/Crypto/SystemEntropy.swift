#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Fills buffers from the operating system's CSPRNG with as few system calls as possible.
///
/// `SystemRandomNumberGenerator` returns 8 bytes per call and, on Linux, makes one
/// `getrandom(2)` system call for each; `getentropy(3)` (glibc 2.25+, musl, Apple platforms)
/// reads the same kernel source for up to 256 bytes at once. If it ever fails, the bytes come
/// from `SystemRandomNumberGenerator` instead, so a failure never yields predictable bytes.
enum SystemEntropy {
    /// The most bytes one `getentropy` call may return (POSIX).
    static let maximumRequest = 256

    /// Overwrites every byte of `buffer` with random bytes from the kernel.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var offset = 0
        while offset < buffer.count {
            let count = min(maximumRequest, buffer.count - offset)
            // `offset + count <= buffer.count`, so the call writes inside the buffer.
            guard let start = buffer.baseAddress, getentropy(start + offset, count) == 0 else { break }
            offset += count
        }
        guard offset < buffer.count else { return }
        var generator = SystemRandomNumberGenerator()
        for index in offset..<buffer.count {
            buffer[index] = UInt8(truncatingIfNeeded: generator.next())
        }
    }
}
