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
}
