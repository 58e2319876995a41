import DuoCore
import Foundation

/// The Python helper `auth_api_test_server.py` (a local HTTPS Auth API that verifies Duo
/// signatures), run as a subprocess. It listens on 127.0.0.1 only and exits when its standard
/// input closes or after its lifetime.
final class AuthTestServer: @unchecked Sendable {
    let ca: String
    let port: Int
    let logPath: String
    private let process: Process
    private let input: Pipe

    private init(ca: String, port: Int, logPath: String, process: Process, input: Pipe) {
        self.ca = ca
        self.port = port
        self.logPath = logPath
        self.process = process
        self.input = input
    }

    struct DidNotStart: Error {}

    static func start() throws -> AuthTestServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("auth_api_test_server.py")
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("duo-auth-\(UUID().uuidString).log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: Data())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--lifetime", "300", "--log", logPath]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) || line.count > 65536 { break }
            line.append(byte)
        }
        guard let info = try? JSONDecoder().decode([String: JSONValue].self, from: line),
              let ca = info["ca"]?.stringValue, let port = info["port"]?.integerValue else {
            process.terminate()
            try? input.fileHandleForWriting.close()
            throw DidNotStart()
        }
        return AuthTestServer(ca: ca, port: Int(port), logPath: logPath, process: process, input: input)
    }

    /// Every request the server saw, in order.
    var log: [[String: JSONValue]] {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode([String: JSONValue].self, from: Data($0.utf8)) }
    }

    /// Requests naming this username.
    func requests(for username: String) -> [[String: JSONValue]] {
        log.filter { $0["params"]?.objectValue?["username"]?.stringValue == username }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }
}
