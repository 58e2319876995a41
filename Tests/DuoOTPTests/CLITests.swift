import DuoCLITestSupport
import DuoOTP
import Foundation
import Testing

/// Runs the built `duo` binary: the `duo otp` contract (shared/docs/cli.md, Part 3).
/// The environment is empty: `duo otp` must need no `DUO_*` variables.
struct OTPCLITests {
    static let binary = DuoBinary.url

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
        var errorLines: [Substring] { stderr.split(separator: "\n") }
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Run {
        struct NoBinary: Error {}
        guard let executable = binary else { throw NoBinary() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Nothing from the test's environment, except the sanitizer options under `make sanitize`
        // (LeakSanitizer suppressions), which must reach the CLI.
        process.environment = DuoBinary.sanitizerOptions
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            // Write on another thread so a large input cannot deadlock against a full stdout pipe.
            let handle = inPipe.fileHandleForWriting
            let data = Data(input.utf8)
            Thread.detachNewThread {
                handle.write(data)
                try? handle.close()
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static let rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    /// A failure: non-zero (not a signal), nothing on stdout, one `error:` line on stderr.
    static func expectFailure(_ run: Run, mentioning words: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, sourceLocation: sourceLocation)
        #expect(run.status < 128, "crashed", sourceLocation: sourceLocation)
        #expect(run.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(run.errorLines.count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("error: "), sourceLocation: sourceLocation)
        for word in words { #expect(run.stderr.contains(word), "\(run.stderr)", sourceLocation: sourceLocation) }
    }

    @Test(.enabled(if: binary != nil))
    func codePrintsTheRFCVectors() throws {
        let sha256 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA"
        let sha512 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA"
        for (arguments, expected) in [
            (["--secret", Self.rfcSecret, "--time", "59", "--digits", "8"], "94287082"),
            (["--secret", Self.rfcSecret, "--time", "1111111109", "--digits", "8"], "07081804"),
            (["--digits", "8", "--time", "20000000000", "--algorithm", "SHA256", "--secret", sha256], "77737706"),
            (["--secret", sha512, "--algorithm", "sha512", "--digits", "8", "--time", "1234567890"], "93441116"),
            (["--secret", Self.rfcSecret.lowercased(), "--time", "1111111109"], "081804"),
            (["--hotp", "--counter", "9", "--secret", Self.rfcSecret, "--period", "0", "--time", "5"], "520489"),
            (["--secret", Self.rfcSecret, "--time", "59", "--steam"], "PV9M4"),
        ] {
            let run = try Self.run(["otp", "code"] + arguments)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(arguments): \(run.stderr)")
            #expect(run.stdout == expected + "\n", "\(arguments)")
        }
    }

    @Test(.enabled(if: binary != nil))
    func codeDefaultsToNow() throws {
        let run = try Self.run(["otp", "code", "--secret", "JBSWY3DPEHPK3PXP"])
        #expect(run.status == 0)
        let expected = try TOTPGenerator(secret: try OTPSecret(base32: "JBSWY3DPEHPK3PXP"))
        let now = UInt64(Date().timeIntervalSince1970)
        // The step may have turned between the two clock reads.
        let printed = String(run.stdout.dropLast())
        let candidates = [expected.code(at: now), expected.code(at: now - 2)]
        #expect(candidates.contains(printed))
    }

    static let usageErrors: [[String]] = [
        ["code", "--secret", rfcSecret, "--digits", "5"], ["code", "--secret", rfcSecret, "--digits", "9"],
        ["code", "--secret", rfcSecret, "--digits", "+6"], ["code", "--secret", rfcSecret, "--digits", "6.0"],
        ["code", "--secret", rfcSecret, "--period", "0"], ["code", "--secret", rfcSecret, "--period", "-30"],
        ["code", "--secret", rfcSecret, "--time", "-1"], ["code", "--secret", rfcSecret, "--time", "0x10"],
        ["code", "--secret", rfcSecret, "--time", "1e3"], ["code", "--secret", rfcSecret, "--time", " 59"],
        ["code", "--secret", rfcSecret, "--time", ""], ["code", "--secret", rfcSecret, "--time", "18446744073709551616"],
        ["code", "--secret", rfcSecret, "--hotp"], ["code", "--secret", rfcSecret, "--hotp", "--counter", "-1"],
        ["code", "--secret", rfcSecret, "--algorithm", "md5"], ["code", "--secret", rfcSecret, "--algorithm", "SHA-256"],
        ["code", "--secret", rfcSecret, "--frobnicate"], ["code"], ["parse"],
        ["verify", "--secret", rfcSecret, "--code", "123456", "--window", "11"],
        ["verify", "--secret", rfcSecret, "--code", "123456", "--window", "-1"],
        ["verify", "--secret", rfcSecret], ["frobnicate"],
    ]

    @Test(.enabled(if: binary != nil), arguments: usageErrors)
    func usageErrorsAreOneLine(arguments: [String]) throws {
        Self.expectFailure(try Self.run(["otp"] + arguments))
    }

    @Test(.enabled(if: binary != nil), arguments: ["", "   ", "==", "JBSWY3DPEHPK3PX0", "JBSWY3DPEHPK3P", "JBSW-Y3DP", "JB=SWY3DPEHPK3PXP", "JBSWY3DPÉHPK3PXP"])
    func invalidSecretsAreErrors(secret: String) throws {
        let run = try Self.run(["otp", "code", "--secret", secret, "--time", "0"])
        Self.expectFailure(run)
        if secret.count > 4 { #expect(!run.stderr.contains(secret)) }
    }

    @Test(.enabled(if: binary != nil))
    func anyKeyLengthIsAccepted() throws {
        for length in [1, 10, 64, 65, 100, 130] {
            let key = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let expected = try TOTPGenerator(secret: try OTPSecret(bytes: key), digits: 7, period: 17).code(at: 1 << 35)
            let run = try Self.run(["otp", "code", "--secret", Base32.encode(key), "--digits", "7", "--period", "17", "--time", String(1 << 35)])
            #expect(run.stdout == expected + "\n", "\(length) bytes")
        }
    }

    @Test(.enabled(if: binary != nil))
    func parsePrintsTheContractJSON() throws {
        let run = try Self.run(["otp", "parse", "otpauth://HOTP/ACME%20Co:%20alice%40example.com?secret=jbsw+y3dp+ehpk+3pxp%3D&issuer=ACME+Co&counter=18446744073709551615&digits=8&algorithm=sha256&image=x"])
        #expect(run.status == 0 && run.stderr.isEmpty)
        #expect(run.stdout.hasSuffix("}\n") && run.stdout.split(separator: "\n").count == 1)
        // Exact integers: a counter of 2^64−1 must survive as a number.
        #expect(run.stdout.contains("\"counter\":18446744073709551615"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["type"] as? String == "hotp")
        #expect(object["label"] as? String == "ACME Co: alice@example.com")
        #expect(object["account"] as? String == "alice@example.com")
        #expect(object["issuer"] as? String == "ACME Co")
        #expect(object["secret"] as? String == "JBSWY3DPEHPK3PXP")
        #expect(object["algorithm"] as? String == "SHA256")
        #expect(object["digits"] as? Int == 8)
        #expect(object["period"] is NSNull)

        let totp = try Self.run(["otp", "parse", "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(totp.stdout.utf8)) as? [String: Any])
        #expect(plain["issuer"] is NSNull && plain["counter"] is NSNull)
        #expect(plain["period"] as? Int == 30 && plain["digits"] as? Int == 6 && plain["algorithm"] as? String == "SHA1")
    }

    @Test(.enabled(if: binary != nil), arguments: [
        ("ftp://totp/a?secret=JBSWY3DPEHPK3PXP", "bad-scheme"), ("otpauth://motp/a?secret=JBSWY3DPEHPK3PXP", "bad-type"),
        ("otpauth://totp/a%ZZ?secret=JBSWY3DPEHPK3PXP", "bad-percent-encoding"),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=30&period=30", "duplicate-parameter"),
        ("otpauth://totp/a?issuer=x", "missing-secret"), ("otpauth://totp/a?secret=JBSWY3DPEHPK3PX8", "bad-base32"),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA3-256", "bad-algorithm"),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=10", "bad-digits"),
        ("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=30.5", "bad-period"),
        ("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551616", "bad-counter"),
        ("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=B", "issuer-mismatch"),
    ])
    func parseNamesTheReason(uri: String, reason: String) throws {
        let run = try Self.run(["otp", "parse", uri])
        Self.expectFailure(run, mentioning: [reason])
        #expect(!run.stderr.contains("JBSWY3DPEHPK3PXP"))
    }

    @Test(.enabled(if: binary != nil))
    func verifyTOTPWindowAndReplay() throws {
        let generator = try TOTPGenerator(secret: try OTPSecret(base32: Self.rfcSecret))
        let time: UInt64 = 1_767_225_645, step = generator.step(at: time)
        let base = ["otp", "verify", "--secret", Self.rfcSecret, "--time", String(time)]
        let current = try Self.run(base + ["--code", generator.code(step: step)])
        #expect(current.status == 0 && current.stdout == "\(step)\n")
        let previous = generator.code(step: step - 1)
        Self.expectFailure(try Self.run(base + ["--code", previous]))
        let inWindow = try Self.run(base + ["--code", previous, "--window", "1"])
        #expect(inWindow.status == 0 && inWindow.stdout == "\(step - 1)\n")
        let next = try Self.run(base + ["--code", generator.code(step: step + 2), "--window", "2"])
        #expect(next.status == 0 && next.stdout == "\(step + 2)\n")
        Self.expectFailure(try Self.run(base + ["--code", previous, "--window", "1", "--last-step", String(step - 1)]), mentioning: ["already used"])
        let after = try Self.run(base + ["--code", previous, "--window", "1", "--last-step", String(step - 2)])
        #expect(after.status == 0 && after.stdout == "\(step - 1)\n")
        Self.expectFailure(try Self.run(base + ["--code", "12345"]))
        Self.expectFailure(try Self.run(base + ["--code", "abcdef"]))
        // Near step 0, negative candidates are skipped.
        let early = try Self.run(["otp", "verify", "--secret", Self.rfcSecret, "--time", "0", "--window", "3", "--code", generator.code(step: 3)])
        #expect(early.status == 0 && early.stdout == "3\n")
    }

    @Test(.enabled(if: binary != nil))
    func verifyHOTPLookAhead() throws {
        let base = ["otp", "verify", "--hotp", "--secret", Self.rfcSecret]
        let match = try Self.run(base + ["--code", "254676", "--counter", "2", "--look-ahead", "3"])
        #expect(match.status == 0 && match.stdout == "5\n")
        Self.expectFailure(try Self.run(base + ["--code", "254676", "--counter", "2", "--look-ahead", "2"]))
        Self.expectFailure(try Self.run(base + ["--code", "254676", "--counter", "6", "--look-ahead", "10"]))
        let top = try HOTPGenerator(secret: try OTPSecret(base32: Self.rfcSecret)).code(counter: UInt64.max)
        let end = try Self.run(base + ["--code", top, "--counter", String(UInt64.max - 1), "--look-ahead", "5"])
        #expect(end.status == 0)
        #expect(end.stdout == "\(UInt64.max)\n" || end.stdout == "\(UInt64.max - 1)\n")
    }

    @Test(.enabled(if: binary != nil))
    func batchAnswersEveryLineInOrderAndNeverStops() throws {
        let lines = [
            #"["code","--secret","GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","--time","59","--digits","8"]"#,
            "not json",
            #"["code","--secret","GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","--digits","9"]"#,
            #"{"args":["code"]}"#,
            #"["parse","otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=6&digits=6"]"#,
            #"["batch"]"#,
            #"["parse","otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"]"#,
            #"["verify","--hotp","--secret","GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","--counter","0","--code","287082","--look-ahead","1"]"#,
            "",
            #"["code","--secret","GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ","--hotp","--counter","0"]"#,
        ]
        let run = try Self.run(["otp", "batch"], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let results = try run.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(results.count == lines.count)
        let ok = results.map { $0["ok"] as? Bool }
        #expect(ok == [true, false, false, false, false, false, true, true, false, true])
        #expect(results[0]["out"] as? String == "94287082")
        #expect((results[4]["error"] as? String)?.contains("duplicate-parameter") == true)
        let parsed = try #require((results[6]["out"] as? String).flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(parsed["issuer"] as? String == "A" && parsed["account"] as? String == "b")
        #expect(results[7]["out"] as? String == "1")
        #expect(results[9]["out"] as? String == "755224")
        for result in results where result["ok"] as? Bool == false {
            #expect((result["error"] as? String)?.isEmpty == false)
        }
    }

    /// The whole interop fixture through one batch process: the CLI agrees with pyotp/hashlib.
    @Test(.enabled(if: binary != nil))
    func batchReproducesTheInteropFixture() throws {
        let cases = try InteropFixtureTests.load()
        var lines: [String] = []
        for item in cases {
            var arguments = ["code", "--secret", item.secret, "--algorithm", item.algorithm.lowercased(), "--digits", String(item.digits)]
            if item.type == "totp" {
                arguments += ["--period", String(item.period ?? 0), "--time", String(item.time ?? 0)]
            } else {
                arguments += ["--hotp", "--counter", item.counter ?? ""]
            }
            lines.append(String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self))
        }
        let run = try Self.run(["otp", "batch"], input: lines.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let outputs = run.stdout.split(separator: "\n")
        #expect(outputs.count == cases.count)
        for (index, (line, item)) in zip(outputs, cases).enumerated() {
            #expect(line == #"{"ok":true,"out":"\#(item.code)"}"#, "case \(index)")
        }
    }

    @Test(.enabled(if: binary != nil))
    func helpStillWorks() throws {
        let run = try Self.run(["otp", "code", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("--secret"))
    }
}
