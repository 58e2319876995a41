import DuoCLITestSupport
import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// Runs the built `duo` binary (when `swift test` built it beside the test bundle) for the
/// commands that need no network: auth-url, and configuration errors of every command.
struct CLITests {
    static let binary = DuoBinary.url

    static let baseEnvironment = [
        "DUO_CLIENT_ID": Py.clientID, "DUO_CLIENT_SECRET": Py.secret,
        "DUO_API_HOST": "127.0.0.1:8443", "DUO_REDIRECT_URI": "https://www.example.com/cb",
    ]

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static func run(_ arguments: [String], environment: [String: String]) throws -> Run {
        struct NoBinary: Error {}
        guard let executable = binary else { throw NoBinary() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // The CLI sees only the given variables, plus the sanitizer runtimes' own options, so a
        // `make sanitize` run applies its leak suppressions to the subprocess too.
        let sanitizerOptions = ProcessInfo.processInfo.environment.filter { ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"].contains($0.key) }
        process.environment = environment.merging(sanitizerOptions) { given, _ in given }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil))
    func authURLPrintsOneVerifiableLine() async throws {
        let run = try Self.run(["auth-url", "--username", "alice", "--state", Py.state, "--nonce", Py.nonce], environment: Self.baseEnvironment)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty)
        let url = try #require(URL(string: String(lines[0])))
        #expect(url.absoluteString.hasPrefix("https://127.0.0.1:8443/oauth/v1/authorize?response_type=code&client_id=\(Py.clientID)&request="))
        // FakeDuo (Duo's checks) accepts the request and redirects back with a code and our state.
        let duo = try FakeDuo(clientID: Py.clientID, clientSecret: Py.secret, apiHost: "127.0.0.1:8443")
        let redirect = try await duo.simulateBrowser(authorizationURL: url)
        #expect(queryItems(redirect)["state"] == Py.state)
        let claims = try payload(of: try #require(queryItems(url)["request"]))
        for key in ["response_type", "scope", "client_id", "iss", "aud", "redirect_uri", "state", "duo_uname", "exp", "use_duo_code_attribute", "nonce"] {
            #expect(claims[key] != nil, "missing \(key)")
        }
        #expect(claims["aud"] == .string("https://127.0.0.1:8443"))
    }

    static let configurationErrors: [(String, String?)] = [
        ("DUO_CLIENT_ID", nil), ("DUO_CLIENT_ID", "short"), ("DUO_CLIENT_SECRET", nil), ("DUO_CLIENT_SECRET", "tooshort"),
        ("DUO_API_HOST", nil), ("DUO_API_HOST", "https://api.example.com"), ("DUO_REDIRECT_URI", nil),
        ("DUO_REDIRECT_URI", "http://www.example.com/cb"), ("DUO_HTTP_TIMEOUT", "0"), ("DUO_HTTP_TIMEOUT", "-1"),
        ("DUO_HTTP_TIMEOUT", "ten"), ("DUO_CA_BUNDLE", "/nonexistent/ca.pem"),
    ]

    @Test(.enabled(if: binary != nil), arguments: configurationErrors, ["auth-url", "health-check", "exchange"])
    func configurationErrorNamesTheVariable(variable: (String, String?), command: String) throws {
        var environment = Self.baseEnvironment
        environment[variable.0] = variable.1
        let arguments: [String] = switch command {
        case "auth-url": [command, "--username", "alice", "--state", Py.state]
        case "exchange": [command, "--code", "c", "--username", "alice"]
        default: [command]
        }
        let run = try Self.run(arguments, environment: environment)
        #expect(run.status != 0 && run.status != 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(variable.0))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!run.stderr.contains(Py.secret))
    }

    @Test(.enabled(if: binary != nil), arguments: ["short", String(repeating: "a", count: 1025)])
    func authURLRejectsBadState(state: String) throws {
        let run = try Self.run(["auth-url", "--username", "alice", "--state", state], environment: Self.baseEnvironment)
        #expect(run.status != 0 && run.status != 2)
        #expect(run.stdout.isEmpty)
    }

    @Test(.enabled(if: binary != nil))
    func usageErrorIs64() throws {
        let run = try Self.run(["auth-url", "--state", Py.state], environment: Self.baseEnvironment)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
    }
}
