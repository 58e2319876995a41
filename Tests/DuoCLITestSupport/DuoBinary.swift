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

    /// What one run of `duo` did.
    public struct Run: Sendable {
        /// Whether it exited or was ended by a signal.
        public let reason: Process.TerminationReason
        /// The exit status, or the signal's number.
        public let status: Int32
        /// Standard output.
        public let stdout: String
        /// Standard error.
        public let stderr: String
    }

    /// The built binary is missing.
    public struct NotBuilt: Error {}

    /// Runs `duo` with exactly `environment` (plus the sanitizer options) and no standard input;
    /// each command is bounded by its own timeouts (`DUO_HTTP_TIMEOUT`).
    public static func run(_ arguments: [String], environment: [String: String]) throws -> Run {
        guard let url else { throw NotBuilt() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment.merging(sanitizerOptions) { given, _ in given }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(reason: process.terminationReason, status: process.terminationStatus,
                   stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
