import Foundation
import Testing

/// The `duo` binary end to end over real HTTPS: CurlTransport, trust from `DUO_CA_BUNDLE` (or Duo's
/// pinned roots when unset), the client assertion, the token exchange and id_token validation,
/// against `Helpers/duo_https_server.py`, which checks and mints JWTs with Python's own hmac.
@Suite(.serialized, .enabled(if: CLITests.binary != nil))
struct CLIEndToEndTests {
    /// 40 characters, distinct from every fixture, so a leak is unambiguous.
    static let secret = "e2eSECRETq7Wc4Rt8Yb1Nd6Hf3Jk5Vg0Ts2Ea7Uo"
    static let clientID = "DIE2ETESTCLIENT00001"
    static let redirect = "https://rp.example.com/duo/callback"

    /// The helper server's one line of JSON.
    struct Info: Decodable { var port: Int; var ca: String; var other_ca: String }

    /// Starts the helper, runs `body`, and always stops the helper (closing its stdin ends it).
    static func withServer(_ body: (Info) throws -> Void) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Helpers/duo_https_server.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["DUO_TEST_CLIENT_ID": clientID, "DUO_TEST_CLIENT_SECRET": secret, "DUO_TEST_REDIRECT_URI": redirect]) { $1 }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
        }
        var line = Data()
        while line.count < 4096 {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        try body(try JSONDecoder().decode(Info.self, from: line))
    }

    static func environment(_ info: Info, caBundle: String?? = .none, secret: String = secret, timeout: String? = nil) -> [String: String] {
        var environment = [
            "DUO_CLIENT_ID": clientID, "DUO_CLIENT_SECRET": secret,
            "DUO_API_HOST": "127.0.0.1:\(info.port)", "DUO_REDIRECT_URI": redirect,
        ]
        switch caBundle {
        case .none: environment["DUO_CA_BUNDLE"] = info.ca
        case .some(let path): environment["DUO_CA_BUNDLE"] = path
        }
        environment["DUO_HTTP_TIMEOUT"] = timeout
        return environment
    }

    /// A failure as the contract wants it: not 0 or 2, nothing on stdout, one `error:` line, no secret.
    static func expectFailure(_ run: CLITests.Run, mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0 && run.status != 2, "status \(run.status)", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("error: ") == true, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        let lowered = run.stderr.lowercased()
        #expect(words.isEmpty || words.contains { lowered.contains($0) }, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains(secret) && !run.stdout.contains(secret), sourceLocation: sourceLocation)
    }

    static func claims(_ run: CLITests.Run) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func healthCheckTrustsTheGivenBundle() throws {
        try Self.withServer { info in
            let run = try CLITests.run(["health-check"], environment: Self.environment(info))
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stderr.isEmpty)
        }
    }

    @Test func healthCheckRefusesCertificatesOutsideTheTrustedRoots() throws {
        try Self.withServer { info in
            // Unset: Duo's pinned bundle only, never the system store; it does not hold the test CA.
            Self.expectFailure(try CLITests.run(["health-check"], environment: Self.environment(info, caBundle: .some(nil))),
                               mentioning: ["certificate", "tls", "trust"])
            // Set to an unrelated CA.
            Self.expectFailure(try CLITests.run(["health-check"], environment: Self.environment(info, caBundle: info.other_ca)),
                               mentioning: ["certificate", "tls", "trust"])
        }
    }

    @Test func healthCheckFailsWhenDuoRefusesTheAssertion() throws {
        try Self.withServer { info in
            let wrong = String(repeating: "w", count: 40)
            let run = try CLITests.run(["health-check"], environment: Self.environment(info, secret: wrong))
            Self.expectFailure(run)
            #expect(!run.stderr.contains(wrong))
        }
    }

    @Test func exchangeAllowPrintsClaimsAndExitsZero() throws {
        try Self.withServer { info in
            let nonce = "n0nce-e2e-abcdefghijklmnop"
            let run = try CLITests.run(["exchange", "--code", "allow.alice.\(nonce)", "--username", "alice", "--nonce", nonce],
                                       environment: Self.environment(info))
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let claims = try Self.claims(run)
            let result = try #require(claims["auth_result"] as? [String: Any])
            #expect(result["result"] as? String == "allow")
            #expect(result["status"] as? String == "allow")
            #expect(result["status_msg"] as? String == "Login Successful")
            #expect(claims["preferred_username"] as? String == "alice")
            #expect(run.stdout.split(separator: "\n").count == 1)

            // The same code again: Duo refuses it (single use), the CLI reports an error.
            let again = try CLITests.run(["exchange", "--code", "allow.alice.\(nonce)", "--username", "alice", "--nonce", nonce],
                                         environment: Self.environment(info))
            Self.expectFailure(again)
        }
    }

    @Test func exchangeDenyPrintsClaimsAndExitsTwo() throws {
        try Self.withServer { info in
            let run = try CLITests.run(["exchange", "--code", "deny.alice", "--username", "alice"], environment: Self.environment(info))
            #expect(run.status == 2, "stderr: \(run.stderr)")
            let result = try #require(try Self.claims(run)["auth_result"] as? [String: Any])
            #expect(result["result"] as? String == "deny")
        }
    }

    /// Every id_token defect the server can mint, and a username or nonce that is not ours.
    @Test(arguments: [
        (["--code", "badsig.alice", "--username", "alice"], ["signature"]),
        (["--code", "wrongiss.alice", "--username", "alice"], ["issuer", "iss"]),
        (["--code", "expired.alice", "--username", "alice"], ["expired", "exp"]),
        (["--code", "algnone.alice", "--username", "alice"], ["hs512", "none"]),
        (["--code", "badjson.alice", "--username", "alice"], []),
        (["--code", "dupresult.alice", "--username", "alice"], ["malformed", "repeated"]),
        (["--code", "dupuser.alice", "--username", "alice"], ["malformed", "repeated"]),
        (["--code", "allow.bob", "--username", "alice"], ["user", "username"]),
        (["--code", "allow.alice.othernonce0123456789", "--username", "alice", "--nonce", "expectednonce0123456789"], ["nonce"]),
    ])
    func exchangeRefusesBadTokens(arguments: [String], words: [String]) throws {
        try Self.withServer { info in
            Self.expectFailure(try CLITests.run(["exchange"] + arguments, environment: Self.environment(info)), mentioning: words)
        }
    }

    @Test func exchangeTimesOutWithinTheConfiguredLimit() throws {
        try Self.withServer { info in
            let started = ContinuousClock.now
            let run = try CLITests.run(["exchange", "--code", "stall.alice", "--username", "alice"],
                                       environment: Self.environment(info, timeout: "0.5"))
            Self.expectFailure(run, mentioning: ["time"])
            // The server answers after 20 s; the CLI (limit 0.5 s) must have given up long before.
            #expect(ContinuousClock.now - started < .seconds(12))
        }
    }
}
