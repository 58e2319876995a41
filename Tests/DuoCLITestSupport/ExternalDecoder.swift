public import Foundation

/// QR decoders nobody here wrote, for the tests of DuoQR and of what draws with it: ZBar's
/// `zbarimg` reads PNG files, `rsvg-convert` (librsvg) rasterises SVG files for it.
/// `Scripts/install-deps.sh` installs both on Debian; on CI a missing tool fails the tests
/// instead of skipping them.
public enum ExternalDecoder {
    public static let zbarimg = find("zbarimg")
    public static let rsvgConvert = find("rsvg-convert")
    public static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Whether the decoder tests run: the tools are here, or this is CI (where their absence fails).
    public static var enabled: Bool { (zbarimg != nil && rsvgConvert != nil) || isCI }

    public struct Missing: Error, CustomStringConvertible {
        public let tool: String
        public var description: String { "\(tool) is not installed (Debian: zbar-tools, librsvg2-bin; see Scripts/install-deps.sh)" }
    }

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin"] {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The text of every QR code in the files, one line per file in order (`zbarimg --raw`).
    /// Payloads must not contain a newline.
    public static func decode(pngFiles files: [URL]) throws -> [String] {
        guard let zbarimg else { throw Missing(tool: "zbarimg") }
        let result = try run(zbarimg, ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"] + files.map(\.path))
        guard result.status == 0 else { throw Failed(description: "zbarimg exited \(result.status): \(result.stderr)") }
        var lines = result.stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Rasterises an SVG file into a PNG file `width` pixels wide.
    public static func rasterise(svg: URL, to png: URL, width: Int) throws {
        guard let rsvgConvert else { throw Missing(tool: "rsvg-convert") }
        let result = try run(rsvgConvert, ["-w", String(width), "-b", "white", "-o", png.path, svg.path])
        guard result.status == 0 else { throw Failed(description: "rsvg-convert exited \(result.status): \(result.stderr)") }
    }

    /// Runs a tool under coreutils' `timeout`, which ends it after 30 seconds at most (exit 124).
    public static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["30", executable.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both tools write at most a line or two per file on stderr (zbarimg runs with -q), far
        // less than a pipe holds, so reading stdout first cannot stall them.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// A temporary folder for one test, removed by the caller.
    public static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duoqr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
