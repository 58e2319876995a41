@testable import duo
import DuoCore
import Foundation
import Testing

/// `duo speed` (shared/docs/cli.md, Part 4): the built-in inputs, every self-check, the timer
/// and the `--json` shape. Figures are never asserted; only that they are well-formed.
struct SpeedCommandTests {
    // MARK: Built-in inputs

    @Test func builtInInputsEqualTheSharedFile() throws {
        let url = try #require(fixtureURL("speed_inputs.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        func section(_ name: String) throws -> [String: Any] { try #require(file[name] as? [String: Any]) }
        let inputs = SpeedInputs.builtIn
        let universal = try section("universal")
        #expect(universal["client_id"] as? String == inputs.clientID)
        #expect(universal["client_secret"] as? String == inputs.clientSecret)
        #expect(universal["api_host"] as? String == inputs.apiHost)
        #expect(universal["redirect_uri"] as? String == inputs.redirectURI)
        #expect(universal["token_endpoint"] as? String == inputs.tokenEndpoint)
        #expect(universal["nonce"] as? String == inputs.nonce)
        #expect(try section("create_auth_url")["state"] as? String == inputs.state)
        #expect(try section("validate_id_token")["id_token"] as? String == inputs.idToken)
        #expect(try section("totp_sha1")["expected"] as? String == inputs.totpSHA1.expected)
        #expect(try section("totp_sha512")["secret_base32"] as? String == inputs.totpSHA512.secretBase32)
        #expect(try section("sign_request")["skey"] as? String == inputs.secretKey)
        let parameters = try #require(try section("sign_request")["params"] as? [String: String])
        #expect(Dictionary(uniqueKeysWithValues: inputs.signParameters) == parameters)
        #expect(try section("sign_request_v5")["expected_authorization"] as? String == inputs.expectedV5Authorization)
        #expect(try section("sign_request_v2")["expected_canonical"] as? String == inputs.expectedV2Canonical)
        #expect(try section("parse_otpauth_uri")["uri"] as? String == inputs.otpauthURI)
    }

    // MARK: Self-checks

    @Test func theBuiltInInputsPassEveryCheck() throws {
        let operations = try SpeedSuite.make(.builtIn)
        let names = operations.map(\.name)
        #expect(Array(names.prefix(9)) == SpeedSuite.operationNames)
        #expect(names.contains("ref.hmac_sha512"))
        #expect(names.contains("ref.hmac_sha1_8"))
        for operation in operations { #expect(operation.run() != 0, "\(operation.name) folded to zero") }
    }

    /// One wrong input per operation; the suite must stop at that operation's check.
    static let wrongInputs: [(String, @Sendable (inout SpeedInputs) -> Void)] = [
        ("create_auth_url", { $0.requestAudience = "https://wrong.example.com" }),
        ("create_auth_url", { $0.authorizeEndpoint = "https://api-other.duosecurity.com/oauth/v1/authorize" }),
        ("validate_id_token", { $0.clientSecret = "otherSecretOtherSecretOtherSecretOther00" }),
        ("validate_id_token", { $0.expectedUserKey = "DUSOMEONEELSE0000001" }),
        ("validate_id_token", { $0.nonce = "AnotherNonce0123456789abcdefghijklmn" }),
        ("client_assertion", { $0.tokenEndpoint = "https://api-benchmrk.duosecurity.com/oauth/v1/other" }),
        ("totp_sha1", { $0.totpSHA1.expected = "267578" }),
        ("totp_sha512", { $0.totpSHA512.time += 30 }),
        ("sign_request_v5", { $0.expectedV5Body = #"{"async":"1"}"# }),
        ("sign_request_v5", { $0.expectedV5Authorization = "Basic AAAA" }),
        ("sign_request_v2", { $0.expectedV2Canonical += "&extra=1" }),
        ("sign_request_v2", { $0.expectedV2Authorization = "Basic AAAA" }),
        ("base32_decode", { $0.base32ExpectedHex = "00" }),
        ("parse_otpauth_uri", { $0.otpauthIssuer = "Other Corp" }),
        ("parse_otpauth_uri", { $0.otpauthURI = "otpauth://totp/x?secret=!!" }),
    ]

    @Test(arguments: 0..<wrongInputs.count)
    func aWrongInputFailsItsCheck(_ index: Int) {
        let (operation, change) = Self.wrongInputs[index]
        var inputs = SpeedInputs.builtIn
        change(&inputs)
        #expect {
            _ = try SpeedSuite.make(inputs)
        } throws: { error in
            (error as? SpeedCheckFailure)?.operation == operation
        }
    }

    @Test func aFailureNamesTheOperation() {
        let failure = SpeedCheckFailure(operation: "totp_sha1", message: "the code differs")
        #expect(failure.description == "totp_sha1: the code differs")
    }

    // MARK: Timing and output

    @Test func theTimerReportsConsistentPositiveFigures() {
        var checksum: UInt64 = 0
        var calls = 0
        let result = SpeedTimer(seconds: 0.05).measure(checksum: &checksum) {
            calls += 1
            return UInt64(calls)
        }
        #expect(result.iterations >= 1)
        #expect(calls >= 1000 + result.iterations, "warm-up of at least 1000 calls, then the timed ones")
        #expect(result.nanosecondsPerOperation > 0 && result.nanosecondsPerOperation.isFinite)
        #expect(checksum != 0)
    }

    @Test func theJSONHasEveryOperationWithAgreeingFigures() throws {
        let results = SpeedSuite.operationNames.map { ($0, SpeedTimer.Result(iterations: 10, nanosecondsPerOperation: 1234.5)) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(SpeedCommand.json(results).utf8)) as? [String: [String: Double]])
        #expect(Set(object.keys) == Set(SpeedSuite.operationNames))
        for (_, figures) in object {
            let rate = try #require(figures["ops_per_sec"]), cost = try #require(figures["ns_per_op"])
            #expect(rate > 0 && cost > 0)
            #expect(abs(rate * cost / 1e9 - 1) < 0.05)
        }
    }

    // MARK: The binary

    @Test(.enabled(if: CLITests.binary != nil))
    func speedJSONRunsOfflineWithAllNineOperations() throws {
        let run = try CLITests.run(["speed", "--json", "--seconds", "0.05"], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [String: Double]])
        for name in SpeedSuite.operationNames {
            let figures = try #require(object[name], "missing \(name)")
            let rate = try #require(figures["ops_per_sec"]), cost = try #require(figures["ns_per_op"])
            #expect(rate > 0 && cost > 0 && rate.isFinite)
            #expect(abs(rate * cost / 1e9 - 1) < 0.05)
        }
        #expect(object.keys.allSatisfy { SpeedSuite.operationNames.contains($0) || $0.hasPrefix("ref.") })
    }

    @Test(.enabled(if: CLITests.binary != nil), arguments: ["0.01", "31", "abc", "nan"])
    func secondsOutOfRangeIsAUsageError(_ seconds: String) throws {
        let run = try CLITests.run(["speed", "--json", "--seconds", seconds], environment: [:])
        #expect(run.status != 0 && run.status < 128)
        #expect(run.stdout.isEmpty)
    }
}
