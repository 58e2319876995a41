import Foundation

/// The Python helper `transport_test_server.py`, run as a subprocess for one test.
///
/// It listens on 127.0.0.1 only and exits when its standard input closes, so ``stop()`` (and a
/// crashed test process) always ends it; it also exits by itself after its lifetime.
final class TestServer: @unchecked Sendable {
    struct Info: Decodable {
        var ca: String
        var otherCA: String
        var ports: [String: Int]
    }

    let info: Info
    private let process: Process
    private let input: Pipe

    private init(info: Info, process: Process, input: Pipe) {
        self.info = info
        self.process = process
        self.input = input
    }

    static func start() throws -> TestServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("transport_test_server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--lifetime", "120"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // One line of JSON; reading stops at EOF too, if the helper failed.
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) || line.count > 65536 { break }
            line.append(byte)
        }
        guard let info = try? JSONDecoder().decode(Info.self, from: line) else {
            process.terminate()
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw ServerError.didNotStart
        }
        return TestServer(info: info, process: process, input: input)
    }

    func url(_ listener: String, _ path: String, host: String = "127.0.0.1") -> URL {
        let scheme = listener == "plain" ? "http" : "https"
        return URL(string: "\(scheme)://\(host):\(info.ports[listener] ?? 1)\(path)") ?? URL(fileURLWithPath: "/invalid")
    }

    var caPEM: [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: info.ca)))) ?? [] }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    enum ServerError: Error { case didNotStart }
}

/// Runs `body` with a fresh server and always stops it.
func withTestServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
    let server = try TestServer.start()
    defer { server.stop() }
    return try await body(server)
}
