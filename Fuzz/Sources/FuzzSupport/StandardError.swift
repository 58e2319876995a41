#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard error (file descriptor 2, unbuffered) without Foundation; Linux only, like
/// libFuzzer with Swift.
enum FileHandleStandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }
}
