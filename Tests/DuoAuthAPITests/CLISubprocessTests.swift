import DuoCLITestSupport
import DuoCore
import Foundation
import Testing

/// Runs the built `duo` binary against a local HTTPS Auth API (auth_api_test_server.py) that
/// verifies Duo signatures independently of the Swift code.
@Suite(.serialized)
struct CLISubprocessTests {
    static let binary = DuoBinary.url

    static let server: AuthTestServer? = binary == nil ? nil : try? AuthTestServer.start()
    static var available: Bool { server != nil }

    struct Run { let status: Int32; let stdout: String; let stderr: String; let seconds: Double }

    static func environment(_ overrides: [String: String?] = [:]) -> [String: String] {
        var environment = [
            "DUO_INTEGRATION_KEY": Fake.ikey, "DUO_SECRET_KEY": Fake.skey,
            "DUO_API_HOST": "127.0.0.1:\(server?.port ?? 1)", "DUO_CA_BUNDLE": server?.ca ?? "/nonexistent",
        ]
        // Under `make sanitize` the sanitizer options (LeakSanitizer suppressions) must reach the CLI.
        for (key, value) in DuoBinary.sanitizerOptions { environment[key] = value }
        for (key, value) in overrides { environment[key] = value }
        return environment
    }

    static func run(_ arguments: [String], _ overrides: [String: String?] = [:]) throws -> Run {
        struct NoBinary: Error {}
        guard let executable = binary else { throw NoBinary() }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["auth"] + arguments
        process.environment = environment(overrides)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let run = Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self),
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        // The secret key is never printed, whatever happened.
        #expect(!run.stdout.contains(Fake.skey) && !run.stderr.contains(Fake.skey))
        return run
    }

    static func json(_ text: String) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }

    static let configurationErrors: [(String, String?)] = [
        ("DUO_INTEGRATION_KEY", nil), ("DUO_INTEGRATION_KEY", "DISHORT"), ("DUO_SECRET_KEY", nil),
        ("DUO_SECRET_KEY", Fake.skey + "x"), ("DUO_SECRET_KEY", String(Fake.skey.dropLast())), ("DUO_API_HOST", nil),
        ("DUO_API_HOST", "https://127.0.0.1"), ("DUO_SIG_VERSION", "3"), ("DUO_SIG_VERSION", "v5"), ("DUO_MAX_RETRIES", "-1"),
        ("DUO_MAX_RETRIES", "two"), ("DUO_BACKOFF_BASE", "0"), ("DUO_BACKOFF_BASE", "-1"), ("DUO_HTTP_TIMEOUT", "soon"),
        ("DUO_CA_BUNDLE", "/nonexistent/ca.pem"),
    ]

    @Test(.enabled(if: available))
    func configurationErrorsNameTheVariableAndSendNothing() throws {
        let server = try #require(Self.server)
        for (variable, value) in Self.configurationErrors {
            let before = server.log.count
            for command in [["check"], ["push", "--username", "alice"], ["passcode", "--username", "alice", "--passcode", "123456"]] {
                let run = try Self.run(command, [variable: value])
                #expect(run.status != 0 && run.status != 2, "\(variable)=\(value ?? "unset")")
                #expect(run.stderr.contains(variable), "\(variable): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
            #expect(server.log.count == before, "\(variable) sent a request")
        }
    }

    @Test(.enabled(if: available))
    func usageErrorIsNeitherZeroNorTwo() throws {
        let run = try Self.run(["push"])
        #expect(run.status != 0 && run.status != 2)
    }

    @Test(.enabled(if: available), arguments: ["2", "5"])
    func pingCheckAndPreauth(_ version: String) throws {
        let server = try #require(Self.server)
        #expect(try Self.run(["ping"], ["DUO_SIG_VERSION": version, "DUO_SECRET_KEY": String(repeating: "z", count: 40)]).status == 0)
        #expect(try Self.run(["check"], ["DUO_SIG_VERSION": version]).status == 0)
        #expect(server.log.last?["version"]?.integerValue == Int64(version))
        let name = "prè ~*&= \(version)"
        let preauth = try Self.run(["preauth", "--username", name], ["DUO_SIG_VERSION": version])
        #expect(preauth.status == 0)
        let object = try Self.json(preauth.stdout)
        #expect(object["result"] == .string("auth") && object["stat"] == nil)
        #expect(server.requests(for: name).count == 1)
    }

    @Test(.enabled(if: available), arguments: ["2", "5"])
    func wrongSecretIsACredentialError(_ version: String) throws {
        let run = try Self.run(["check"], ["DUO_SIG_VERSION": version, "DUO_SECRET_KEY": String(repeating: "w", count: 40)])
        #expect(run.status != 0 && run.status != 2)
        #expect(run.stderr.lowercased().contains("signature"))
        #expect(run.stdout.isEmpty)
    }

    @Test(.enabled(if: available), arguments: ["2", "5"])
    func synchronousPushWithPushInfo(_ version: String) throws {
        let server = try #require(Self.server)
        let name = "jörg müller ~*&= v\(version)"
        let run = try Self.run(["push", "--username", name, "--type", "VPN ~*", "--display-username", "J & M",
                                "--pushinfo", "from=login portal", "--pushinfo", "note=a=b&c ü"], ["DUO_SIG_VERSION": version])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try Self.json(run.stdout)
        #expect(object["result"] == .string("allow") && object["status"] == .string("allow") && object["status_msg"] != nil)
        #expect(object["echo_username"] == .string(name))
        // pushinfo is itself a query string, encoded in the given order; the server decoded it back.
        let pushinfo = try #require(object["echo_pushinfo"]?.stringValue)
        #expect(pushinfo == "from=login%20portal&note=a%3Db%26c%20%C3%BC")
        let requests = server.requests(for: name)
        #expect(requests.count == 1)
        #expect(requests.first?["version"]?.integerValue == Int64(version))
        #expect(requests.first?["params"]?.objectValue?["async"].map { $0 == .string("0") } ?? true)
    }

    @Test(.enabled(if: available))
    func asynchronousDenyExitsTwoWithProgress() throws {
        let run = try Self.run(["push", "--username", "deny-user", "--async"])
        #expect(run.status == 2)
        let object = try Self.json(run.stdout)
        #expect(object["result"] == .string("deny") && object["txid"]?.stringValue?.isEmpty == false)
        #expect(run.stderr.contains("pushed") && run.stderr.contains("Pushed a login request"))
    }

    @Test(.enabled(if: available))
    func passcodeAllowAndDeny() throws {
        let allow = try Self.run(["passcode", "--username", "pc user", "--passcode", "123456"])
        #expect(allow.status == 0)
        #expect(try Self.json(allow.stdout)["result"] == .string("allow"))
        let deny = try Self.run(["passcode", "--username", "pc user", "--passcode", "000000"], ["DUO_SIG_VERSION": "2"])
        #expect(deny.status == 2)
        #expect(try Self.json(deny.stdout)["result"] == .string("deny"))
    }

    @Test(.enabled(if: available))
    func rateLimitIsRetriedThenGivesUp() throws {
        let server = try #require(Self.server)
        let retried = try Self.run(["push", "--username", "ratelimit-2"], ["DUO_MAX_RETRIES": "3", "DUO_BACKOFF_BASE": "0.05"])
        #expect(retried.status == 0)
        #expect(server.requests(for: "ratelimit-2").count == 3)
        let exhausted = try Self.run(["push", "--username", "ratelimit-9"], ["DUO_MAX_RETRIES": "1", "DUO_BACKOFF_BASE": "0.05"])
        #expect(exhausted.status != 0 && exhausted.status != 2)
        #expect(exhausted.stderr.contains("429"))
        #expect(exhausted.stdout.isEmpty)
        #expect(server.requests(for: "ratelimit-9").count == 2)
        let off = try Self.run(["push", "--username", "ratelimit-8"], ["DUO_MAX_RETRIES": "0"])
        #expect(off.status != 0 && off.status != 2)
        #expect(server.requests(for: "ratelimit-8").count == 1)
    }

    @Test(.enabled(if: available), arguments: ["err-500", "err-badjson", "err-truncated"])
    func faultsAreOneRequestAndAnError(_ user: String) throws {
        let server = try #require(Self.server)
        let before = server.requests(for: user).count
        let run = try Self.run(["push", "--username", user])
        #expect(run.status != 0 && run.status != 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.split(separator: "\n").count == 1)
        #expect(server.requests(for: user).count == before + 1)
    }

    @Test(.enabled(if: available))
    func timeoutFailsWithinTheLimitAfterOneRequest() throws {
        let server = try #require(Self.server)
        let before = server.requests(for: "slow-user").count
        let run = try Self.run(["push", "--username", "slow-user"], ["DUO_HTTP_TIMEOUT": "1.5"])
        #expect(run.status != 0 && run.status != 2)
        #expect(run.seconds < 6)
        #expect(run.stderr.lowercased().contains("timed out"))
        #expect(server.requests(for: "slow-user").count == before + 1)
    }

    @Test(.enabled(if: available))
    func pinnedTrustRefusesTheTestCA() throws {
        let run = try Self.run(["ping"], ["DUO_CA_BUNDLE": nil])
        #expect(run.status != 0 && run.status != 2)
        #expect(run.stdout.isEmpty)
    }
}
