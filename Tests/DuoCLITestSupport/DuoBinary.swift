public import Foundation

/// Where `swift test` put the `duo` executable, for the test targets that run it as a subprocess.
///
/// Test targets that depend on the `duo` target get it built into the same products folder as
/// the test bundle; the bundle's path is a few folders below that, depending on the platform.
public enum DuoBinary {
    /// The built `duo` executable, or `nil` when it is not beside the test bundle.
    public static let url: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("duo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    /// The sanitizer options of the test process (`ASAN_OPTIONS`, `LSAN_OPTIONS`, `TSAN_OPTIONS`),
    /// for a `duo` run with an otherwise fixed environment: under `make sanitize` the LeakSanitizer
    /// suppressions must reach the CLI, or its exit status depends on leak reports from the
    /// system OpenSSL's global state.
    public static var sanitizerOptions: [String: String] {
        ProcessInfo.processInfo.environment.filter { ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"].contains($0.key) }
    }
}
