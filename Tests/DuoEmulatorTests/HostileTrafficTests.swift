#if Emulator
import DuoCLITestSupport
import DuoCore
import DuoEmulator
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// Hostile traffic in both directions over real sockets: the `duo` CLI against a Duo-shaped
/// server that answers garbage, and hostile requests against `duo-emulator`'s handlers. Nothing
/// may crash, trap or hang; the CLI ends with a one-line error, the emulator with a 4xx, and the
/// emulator keeps serving.
@Suite("Hostile traffic", .serialized)
struct HostileTrafficTests {
    static let binary = DuoBinary.url

    /// Answers no client may take for Duo's: each must end in a typed error.
    static let hostileBodies: [(name: String, body: [UInt8])] = [
        ("a number beyond Double", numbers("1e400")),
        ("a number beyond Int64", numbers("-99999999999999999999999")),
        ("Int64.max", numbers("9223372036854775807")),
        ("Int64.min", numbers("-9223372036854775808")),
        ("100 000-deep nesting", Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)),
        ("100 000-deep objects", Array(String(repeating: #"{"a":"#, count: 100_000).utf8) + [UInt8(ascii: "1")]
            + Array(String(repeating: "}", count: 100_000).utf8)),
        ("a 3 MB body", Array(#"{"stat":"OK","response":{"time":1,"pad":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
            + Array(#""}}"#.utf8)),
        ("duplicate keys", Array(#"{"stat":"FAIL","stat":"OK","response":{"time":1,"timestamp":1},"id_token":"x","id_token":"y"}"#.utf8)),
        ("invalid UTF-8", Array(#"{"stat":"OK","response":{"time":1,"timestamp":1,"x":""#.utf8) + [0xFF, 0xFE, 0xC0, 0xAF] + Array(#""}}"#.utf8)),
        ("a control character in a string", Array("{\"stat\":\"OK\",\"response\":{\"time\":1,\"timestamp\":1,\"x\":\"a\u{01}\r\nb\"}}".utf8)),
    ]

    /// An answer with `number` in every field a command reads: Duo's time, the health check's
    /// timestamp and the token answer's tokens.
    static func numbers(_ number: String) -> [UInt8] {
        Array(#"{"stat":"OK","response":{"time":\#(number),"timestamp":\#(number)},"id_token":\#(number),"access_token":\#(number)}"#.utf8)
    }

    @Test("duo CLI: every hostile answer ends in a one-line error, never a signal or a success", .enabled(if: binary != nil))
    func cliAgainstHostileAnswers() async throws {
        let authority = try ThrowawayCertificateAuthority()
        let caFile = try authority.writeCACertificate(to: NSTemporaryDirectory() + "/hostile-answers-ca-\(ProcessInfo.processInfo.processIdentifier).pem")
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await EmulatorServer.with(tls: authority) { emulator in
            let configuration = emulator.configuration
            let universal = ["DUO_CLIENT_ID": configuration.clientID, "DUO_CLIENT_SECRET": configuration.clientSecret,
                             "DUO_API_HOST": emulator.duo.apiHost, "DUO_REDIRECT_URI": "https://127.0.0.1:1/callback",
                             "DUO_CA_BUNDLE": caFile, "DUO_HTTP_TIMEOUT": "20"]
            let auth = ["DUO_INTEGRATION_KEY": configuration.integrationKey, "DUO_SECRET_KEY": configuration.secretKey,
                        "DUO_API_HOST": emulator.duo.apiHost, "DUO_CA_BUNDLE": caFile, "DUO_HTTP_TIMEOUT": "20", "DUO_MAX_RETRIES": "0"]
            let commands: [(path: String, arguments: [String], environment: [String: String])] = [
                ("/oauth/v1/health_check", ["health-check"], universal),
                ("/oauth/v1/token", ["exchange", "--code", "hostile-code", "--username", "ivy"], universal),
                ("/auth/v2/check", ["auth", "check"], auth),
                ("/auth/v2/ping", ["auth", "ping"], auth),
            ]
            for (name, body) in Self.hostileBodies {
                for command in commands {
                    await emulator.duo.setRoute(command.path) { _, _ in
                        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
                    }
                    let run = try DuoBinary.run(command.arguments, environment: command.environment)
                    let label = "\(command.arguments.prefix(2).joined(separator: " ")) with \(name)"
                    #expect(run.reason == .exit, "\(label): ended by a signal (\(run.status))")
                    #expect(run.status != 0 && run.status != 2, "\(label): exit \(run.status), stdout \(run.stdout.prefix(200))")
                    #expect(run.stdout.isEmpty, "\(label): printed \(run.stdout.prefix(200))")
                    let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: true)
                    #expect(run.stderr.hasPrefix("error: ") && lines.count == 1, "\(label): stderr \(run.stderr.prefix(400))")
                }
            }
        }
    }

    @Test("duo-emulator: hostile requests get a 4xx and the emulator keeps serving")
    func emulatorAgainstHostileRequests() async throws {
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            let transport = try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8))))
            let base = "https://\(emulator.duo.apiHost)"
            func send(_ method: HTTPRequest.Method, _ path: String, headers: HTTPHeaders = [:], body: [UInt8] = []) async throws -> Int {
                let url = try #require(URL(string: base + path))
                return try await transport.send(HTTPRequest(method: method, url: url, headers: headers, body: body)).status
            }
            let hostileDates = ["Tue, 01 Jan 99999999999999 00:00:00 -0000", "Tue, 99999999999999999999 Jan 2026 00:00:00 -0000",
                                "Tue, 01 Jan 2026 99999999999999:00:00 -0000", "Tue, 01 Jan 2026 00:00:00 +99999999999999",
                                "Tue, 01 Jan -9223372036854775808 00:00:00 -0000", String(repeating: "Tue, ", count: 20_000)]
            let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            for date in hostileDates {
                for path in ["/auth/v2/check", "/auth/v2/auth"] {
                    var headers = form
                    headers.add(name: "Date", value: date)
                    headers.add(name: "Authorization", value: "Basic " + Data("\(emulator.configuration.integrationKey):00".utf8).base64EncodedString())
                    let status = try await send(.post, path, headers: headers, body: Array("username=ivy&factor=push&device=auto".utf8))
                    #expect((400..<500).contains(status), "\(path) with Date \(date.prefix(40)): HTTP \(status)")
                }
            }
            let deep = Base64URL.encode(Array(String(repeating: "[", count: 100_000).utf8))
            let hostileBodies: [(String, [UInt8])] = [
                ("a deeply nested client assertion", Array("grant_type=authorization_code&code=x&client_assertion=e30.\(deep).sig".utf8)),
                ("invalid UTF-8", Array("grant_type=authorization_code&code=".utf8) + [0xFF, 0xFE] + Array("&client_assertion=%FF%FE".utf8)),
                ("a 2 MB body", Array("grant_type=authorization_code&code=".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20)),
                ("broken percent-encoding", Array("grant_type=%ZZ&code=%&client_assertion=%E0%A4".utf8)),
            ]
            for (name, body) in hostileBodies {
                let status = try await send(.post, "/oauth/v1/token", headers: form, body: body)
                #expect((400..<500).contains(status), "token endpoint with \(name): HTTP \(status)")
            }
            let authorize = try await send(.get, "/oauth/v1/authorize?response_type=code&client_id=\(emulator.configuration.clientID)&request=e30.\(deep).x")
            #expect((400..<500).contains(authorize), "authorize with a deeply nested request JWT: HTTP \(authorize)")

            // Still serving: a real client's health check succeeds.
            let client = try DuoWebClient(configuration: try DuoWebConfiguration(
                clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback"), transport: transport)
            let health = try await client.healthCheck()
            #expect((health.timestamp ?? 0) > 0)
        }
    }
}
#endif
