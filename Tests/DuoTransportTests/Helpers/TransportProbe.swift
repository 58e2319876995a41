import Foundation

/// Runs the `duo-transport-probe` executable (built beside the test bundle) with exactly the
/// environment given, and returns the one line it prints.
enum TransportProbe {
    /// The built probe, or `nil` when it is not beside the test bundle.
    static let url: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("duo-transport-probe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    struct Missing: Error {}

    /// Runs the probe. The child gets only `environment` and the sanitizer options of this
    /// process, so nothing of the test machine's own environment (its proxies) reaches it.
    static func run(_ arguments: [String], environment: [String: String]) throws -> String {
        guard let url else { throw Missing() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var childEnvironment = ProcessInfo.processInfo.environment.filter {
            ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"].contains($0.key)
        }
        childEnvironment.merge(environment) { _, given in given }
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The probe's own time limits (5 s to connect, 10 s in all) bound this read.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
