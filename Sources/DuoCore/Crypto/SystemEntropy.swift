#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Random bytes from the operating system's CSPRNG with as few system calls as possible.
///
/// `SystemRandomNumberGenerator` returns 8 bytes per call and, on Linux, makes one
/// `getrandom(2)` system call for each; `getentropy(3)` (glibc 2.25+, musl, Apple platforms)
/// reads the same kernel source for up to 256 bytes at once. If it ever fails, the bytes come
/// from `SystemRandomNumberGenerator` instead, so a failure never yields predictable bytes.
enum SystemEntropy {
    /// The most bytes one `getentropy` call may return (POSIX).
    static let maximumRequest = 256

    /// `count` random bytes from the kernel.
    static func bytes(_ count: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var chunk = [UInt8](repeating: 0, count: maximumRequest)
        while output.count < count {
            let wanted = min(maximumRequest, count - output.count)
            // `chunk` holds `maximumRequest` >= `wanted` bytes, so the call writes inside it.
            guard getentropy(&chunk, wanted) == 0 else { break }
            output.append(contentsOf: chunk[..<wanted])
        }
        var generator = SystemRandomNumberGenerator()
        while output.count < count {
            output.append(UInt8(truncatingIfNeeded: generator.next()))
        }
        return output
    }
}
