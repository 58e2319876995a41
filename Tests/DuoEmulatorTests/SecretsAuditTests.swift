#if Emulator
import DuoAuthAPI
import DuoCLITestSupport
import DuoCore
import DuoEmulator
import DuoOTP
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Logging
import Testing

/// Everything said about a run: log lines at trace level, and the texts of errors and values.
///
/// It reflects as empty: loggers under audit hold it (through their handler), and `dump` of a
/// configuration must not recurse into what was recorded so far.
final class AuditRecorder: @unchecked Sendable, CustomReflectable {
    var customMirror: Mirror { Mirror(self, children: [:]) }

    private let lock = NSLock()
    private var entries: [(surface: String, text: String)] = []

    func record(_ surface: String, _ text: String) {
        lock.lock()
        defer { lock.unlock() }
        entries.append((surface, text))
    }

    var all: [(surface: String, text: String)] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    /// Records an error's every text surface.
    func record(error: any Error, _ context: String) {
        record("\(context) String(describing:)", String(describing: error))
        record("\(context) String(reflecting:)", String(reflecting: error))
        if let localized = error as? any LocalizedError {
            record("\(context) errorDescription", localized.errorDescription ?? "")
            record("\(context) recoverySuggestion", localized.recoverySuggestion ?? "")
            record("\(context) failureReason", localized.failureReason ?? "")
        }
        record("\(context) localizedDescription", error.localizedDescription)
        record(value: error, context)
    }

    /// Records a value's description, debug description and `dump`.
    func record(value: Any, _ context: String) {
        record("\(context) description", String(describing: value))
        record("\(context) debugDescription", String(reflecting: value))
        var dumped = ""
        dump(value, to: &dumped)
        record("\(context) dump", dumped)
    }

    /// A logger at trace level whose every line (message, metadata, source) is recorded.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A `LogHandler` that hands each rendered line to an ``AuditRecorder``.
struct CapturingLogHandler: LogHandler {
    let recorder: AuditRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let merged = self.metadata.merging(metadata ?? [:]) { $1 }
        recorder.record("log", "\(level) \(message) \(merged) \(source)")
    }
}

/// Full flows (Universal, Auth API, OTP, provider registry, the CLI) run with trace-level logging
/// captured; no secret may appear in any log line, error text, description or dump.
@Suite("Secrets audit", .serialized)
struct SecretsAuditTests {
    /// RFC 6238's seed: raw bytes and Base32.
    static let seedText = "12345678901234567890"
    static let seedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    /// Fails, naming the surface, when any secret occurs in any recorded text.
    static func assertNoSecrets(_ recorder: AuditRecorder, _ secrets: [String: String]) {
        for (surface, text) in recorder.all {
            for (name, secret) in secrets where !secret.isEmpty && text.contains(secret) {
                Issue.record("the \(name) appears in \(surface): \(text.prefix(300))")
            }
        }
    }

    @Test("Universal flow and Auth API over HTTPS: logs, errors and descriptions carry no secret")
    func universalAndAuthAPI() async throws {
        let recorder = AuditRecorder()
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            var secrets = ["client secret": emulator.configuration.clientSecret, "secret key": emulator.configuration.secretKey]
            var transport = TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8)))
            transport.logger = recorder.logger("transport")

            // Universal: health check, authorization URL, callback, exchange, then the error paths.
            var web = try DuoWebConfiguration(clientID: emulator.configuration.clientID, clientSecret: emulator.configuration.clientSecret,
                                              apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
            web.transport = transport
            web.logger = recorder.logger("web")
            let client = try DuoWebClient(configuration: web, transport: try CurlTransport(configuration: transport))
            recorder.record(value: web, "DuoWebConfiguration")
            recorder.record(value: transport, "TransportConfiguration")
            recorder.record(value: client, "DuoWebClient")
            recorder.record(value: try await client.healthCheck(), "HealthCheckResult")
            await emulator.duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))
            let state = client.generateState(), nonce = client.generateNonce()
            secrets["state"] = state
            let url = try client.authorizationURL(username: "ivy", state: state, options: AuthorizationOptions(nonce: nonce))
            let redirect = try await emulator.duo.simulateBrowser(authorizationURL: url)
            do { _ = try client.callback(from: redirect, expectedState: String(state.reversed())) } catch { recorder.record(error: error, "callback state mismatch") }
            let callback = try client.callback(from: redirect, expectedState: state)
            secrets["authorization code"] = callback.code
            recorder.record(value: callback, "DuoCallback")
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "ivy", nonce: nonce)
            #expect(authorization.isAllowed)
            secrets["id_token"] = try #require(await emulator.duo.lastIssuedIDToken)
            recorder.record(value: authorization, "DuoAuthorization")
            // The code again (single use), and an id_token check with the wrong user.
            do { _ = try await client.exchangeAuthorizationCode(callback.code, username: "ivy", nonce: nonce) } catch { recorder.record(error: error, "code reuse") }
            if let token = await emulator.duo.lastIssuedIDToken {
                do { _ = try client.verifyIDToken(token, username: "mallory", nonce: nonce) } catch { recorder.record(error: error, "verifyIDToken") }
            }
            // A client with the wrong secret.
            var wrong = web
            wrong.clientSecret = try ClientSecret(String(emulator.configuration.clientSecret.reversed()))
            secrets["wrong client secret"] = String(emulator.configuration.clientSecret.reversed())
            let wrongClient = try DuoWebClient(configuration: wrong, transport: try CurlTransport(configuration: transport))
            do { _ = try await wrongClient.healthCheck() } catch { recorder.record(error: error, "health check, wrong secret") }

            // Auth API: preauth, push, passcode (right and wrong), wrong secret key.
            var auth = try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey, secretKey: emulator.configuration.secretKey,
                                                apiHost: emulator.duo.apiHost)
            auth.transport = transport
            auth.logger = recorder.logger("auth")
            let authClient = DuoAuthClient(configuration: auth, transport: try CurlTransport(configuration: transport))
            recorder.record(value: auth, "DuoAuthConfiguration")
            recorder.record(value: authClient, "DuoAuthClient")
            recorder.record(value: try await authClient.preauth(.username("ivy")), "DuoPreauthResponse")
            var last: DuoAuthResponse?
            for try await update in authClient.push(username: "ivy", deadline: .seconds(20)) { last = update }
            #expect(last?.isAllowed == true)
            recorder.record(value: last as Any, "push DuoAuthResponse")
            recorder.record(value: try await authClient.verifyPasscode(username: "ivy", passcode: "123456"), "passcode DuoAuthResponse")
            recorder.record(value: try await authClient.verifyPasscode(username: "ivy", passcode: "000000"), "wrong passcode DuoAuthResponse")
            var wrongAuth = auth
            wrongAuth.secretKey = try SecretKey(String(emulator.configuration.secretKey.reversed()))
            secrets["wrong secret key"] = String(emulator.configuration.secretKey.reversed())
            let wrongAuthClient = DuoAuthClient(configuration: wrongAuth, transport: try CurlTransport(configuration: transport))
            do { _ = try await wrongAuthClient.check() } catch { recorder.record(error: error, "check, wrong skey") }
            do { _ = try await authClient.preauth(.username("")) } catch { recorder.record(error: error, "preauth, empty user") }

            // The capture works: the expected non-secret lines are there.
            let logs = recorder.all.filter { $0.surface == "log" }.map(\.text)
            #expect(logs.contains { $0.contains("/oauth/v1/token") }, "no token-endpoint line captured: \(logs.prefix(5))")
            #expect(logs.contains { $0.contains("/auth/v2/auth") }, "no Auth API line captured")
            #expect(recorder.all.contains { $0.surface.hasPrefix("code reuse") }, "the code-reuse error was not raised")
            #expect(recorder.all.contains { $0.surface.hasPrefix("check, wrong skey") }, "the wrong skey was accepted")
            Self.assertNoSecrets(recorder, secrets)
        }
    }

    /// A redacted `description` is not enough: `dump(callback)` and reflection must hide the
    /// authorization code and the state too.
    @Test("DuoCallback: description, debugDescription, dump and Mirror print neither code nor state")
    func callbackIsRedactedEverywhere() throws {
        let configuration = try DuoWebConfiguration(clientID: "DIEMULATOR0000000001", clientSecret: "emulatorsecret-emulatorsecret-emulatorse",
                                                    apiHost: "127.0.0.1:1", redirectURI: "https://127.0.0.1:1/callback")
        let client = try DuoWebClient(configuration: configuration, transport: MockHTTPTransport())
        let state = client.generateState(), code = "CODE-" + client.generateNonce()
        let callback = try client.callback(query: "duo_code=\(code)&state=\(state)", expectedState: state)
        #expect(callback.code == code)
        let recorder = AuditRecorder()
        recorder.record(value: callback, "DuoCallback")
        recorder.record("Mirror children", Mirror(reflecting: callback).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: ", "))
        #expect(recorder.all.contains { $0.text.contains("<redacted>") })
        Self.assertNoSecrets(recorder, ["authorization code": code, "state": state])
    }

    @Test("OTP: secrets, generators, verifiers, URIs and parse errors carry no seed")
    func otp() throws {
        let recorder = AuditRecorder()
        let secret = try OTPSecret(bytes: Array(Self.seedText.utf8))
        #expect(secret.base32 == Self.seedBase32)
        let uri = try OTPAuthURI(parsing: "otpauth://totp/Example:alice@example.com?secret=\(Self.seedBase32)&issuer=Example")
        let generator = try uri.totpGenerator()
        let verifier = try TOTPVerifier(generator: generator)
        let hotp = try uri.hotpGenerator()
        for (name, value) in [("OTPSecret", secret), ("OTPAuthURI", uri), ("TOTPGenerator", generator), ("TOTPVerifier", verifier),
                              ("HOTPGenerator", hotp), ("verification", verifier.verify("000000", at: 59))] as [(String, Any)] {
            recorder.record(value: value, name)
        }
        #expect(verifier.verify(generator.code(at: 59), at: 59).isAccepted)
        // Malformed URIs that still carry the seed: the errors must not echo it.
        for bad in ["otpauth://totp/x?secret=\(Self.seedBase32)&digits=99", "otpauth://totp/x?secret=\(Self.seedBase32)&algorithm=MD5",
                    "otpauth://nope/x?secret=\(Self.seedBase32)", "otpauth://totp/x?secret=\(Self.seedBase32)1&period=0",
                    "otpauth://totp/x?secret=\(Self.seedBase32.lowercased())!"] {
            do { _ = try OTPAuthURI(parsing: bad) ; Issue.record("accepted \(bad)") } catch { recorder.record(error: error, "parse \(bad.prefix(20))") }
        }
        do { _ = try OTPSecret(base32: Self.seedBase32 + "!") } catch { recorder.record(error: error, "OTPSecret(base32:)") }
        #expect(recorder.all.count > 20)
        Self.assertNoSecrets(recorder, ["seed (raw)": Self.seedText, "seed (Base32)": Self.seedBase32,
                                        "seed (Base32, lower case)": Self.seedBase32.lowercased()])
    }

    @Test("Provider registry: registration, failures and descriptions carry no client secret")
    func providerRegistry() async throws {
        let recorder = AuditRecorder()
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            var transport = TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8)))
            transport.logger = recorder.logger("transport")
            let registry = try DuoProviderRegistry(transportConfiguration: transport, logger: recorder.logger("registry"))
            let good = try DuoProvider(name: "staff", apiHost: emulator.duo.apiHost, clientID: emulator.configuration.clientID,
                                       clientSecret: emulator.configuration.clientSecret, redirectURI: "https://127.0.0.1:1/callback")
            let wrongSecret = String(emulator.configuration.clientSecret.reversed())
            let bad = try DuoProvider(name: "students", apiHost: emulator.duo.apiHost, clientID: emulator.configuration.clientID,
                                      clientSecret: wrongSecret, redirectURI: "https://127.0.0.1:1/callback")
            recorder.record(value: good, "DuoProvider")
            recorder.record(value: try await registry.register(good), "registration")
            do { _ = try await registry.register(bad) } catch { recorder.record(error: error, "registration, wrong secret") }
            recorder.record(value: await registry.providers, "providers")
            recorder.record(value: try await registry.client(forProviderNamed: "staff"), "client")
            do { _ = try DuoProvider(name: "x y", apiHost: emulator.duo.apiHost, clientID: emulator.configuration.clientID,
                                     clientSecret: emulator.configuration.clientSecret, redirectURI: "https://127.0.0.1:1/callback") }
            catch { recorder.record(error: error, "bad name") }
            do { _ = try DuoProvider(name: "short", apiHost: emulator.duo.apiHost, clientID: emulator.configuration.clientID,
                                     clientSecret: String(emulator.configuration.clientSecret.dropLast()), redirectURI: "https://127.0.0.1:1/callback") }
            catch { recorder.record(error: error, "short secret") }
            #expect(recorder.all.contains { $0.surface.hasPrefix("registration, wrong secret") }, "the wrong secret was registered")
            #expect(recorder.all.contains { $0.surface == "log" }, "nothing was logged")
            Self.assertNoSecrets(recorder, ["client secret": emulator.configuration.clientSecret, "wrong client secret": wrongSecret,
                                            "short client secret": String(emulator.configuration.clientSecret.dropLast())])
        }
    }

    // MARK: CLI

    static let binary = DuoBinary.url

    /// Runs `duo` and records what it printed; bounded by the commands' own timeouts (DUO_HTTP_TIMEOUT).
    static func runCLI(_ arguments: [String], environment: [String: String], recorder: AuditRecorder) throws -> Int32 {
        let run = try DuoBinary.run(arguments, environment: environment)
        recorder.record("duo \(arguments.prefix(2).joined(separator: " ")) stdout", run.stdout)
        recorder.record("duo \(arguments.prefix(2).joined(separator: " ")) stderr", run.stderr)
        return run.status
    }

    @Test("duo CLI against the emulator, successes and errors: no secret, code or token on stdout or stderr", .enabled(if: binary != nil))
    func commandLine() async throws {
        let recorder = AuditRecorder()
        let authority = try ThrowawayCertificateAuthority()
        let caFile = try authority.writeCACertificate(to: NSTemporaryDirectory() + "/secrets-audit-ca-\(ProcessInfo.processInfo.processIdentifier).pem")
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        try await EmulatorServer.with(tls: authority) { emulator in
            let configuration = emulator.configuration
            let universal = ["DUO_CLIENT_ID": configuration.clientID, "DUO_CLIENT_SECRET": configuration.clientSecret,
                             "DUO_API_HOST": emulator.duo.apiHost, "DUO_REDIRECT_URI": "https://127.0.0.1:1/callback",
                             "DUO_CA_BUNDLE": caFile, "DUO_HTTP_TIMEOUT": "10"]
            let auth = ["DUO_INTEGRATION_KEY": configuration.integrationKey, "DUO_SECRET_KEY": configuration.secretKey,
                        "DUO_API_HOST": emulator.duo.apiHost, "DUO_CA_BUNDLE": caFile, "DUO_HTTP_TIMEOUT": "10"]
            var wrongUniversal = universal
            wrongUniversal["DUO_CLIENT_SECRET"] = String(configuration.clientSecret.reversed())
            var wrongAuth = auth
            wrongAuth["DUO_SECRET_KEY"] = String(configuration.secretKey.reversed())

            #expect(try Self.runCLI(["health-check"], environment: universal, recorder: recorder) == 0)
            #expect(try Self.runCLI(["health-check"], environment: wrongUniversal, recorder: recorder) != 0)
            // A real code, spent once by the CLI, then refused when replayed.
            let client = try DuoWebClient(configuration: try DuoWebConfiguration(
                clientID: configuration.clientID, clientSecret: configuration.clientSecret, apiHost: emulator.duo.apiHost,
                redirectURI: "https://127.0.0.1:1/callback"), transport: emulator.duo)
            let state = client.generateState()
            let redirect = try await emulator.duo.simulateBrowser(authorizationURL: try client.authorizationURL(username: "ivy", state: state))
            let code = try client.callback(from: redirect, expectedState: state).code
            #expect(try Self.runCLI(["exchange", "--code", code, "--username", "ivy"], environment: universal, recorder: recorder) == 0)
            #expect(try Self.runCLI(["exchange", "--code", code, "--username", "ivy"], environment: universal, recorder: recorder) != 0)
            let idToken = try #require(await emulator.duo.lastIssuedIDToken)
            #expect(try Self.runCLI(["auth", "check"], environment: auth, recorder: recorder) == 0)
            #expect(try Self.runCLI(["auth", "check"], environment: wrongAuth, recorder: recorder) != 0)
            #expect(try Self.runCLI(["auth", "passcode", "--username", "ivy", "--passcode", "123456"], environment: auth, recorder: recorder) == 0)
            #expect(try Self.runCLI(["auth", "push", "--username", "ivy"], environment: wrongAuth, recorder: recorder) != 0)
            #expect(try Self.runCLI(["otp", "code", "--secret", Self.seedBase32 + "!"], environment: [:], recorder: recorder) != 0)
            #expect(recorder.all.contains { $0.text.contains("ivy") }, "the CLI output was not captured")
            Self.assertNoSecrets(recorder, [
                "client secret": configuration.clientSecret, "wrong client secret": String(configuration.clientSecret.reversed()),
                "secret key": configuration.secretKey, "wrong secret key": String(configuration.secretKey.reversed()),
                "authorization code": code, "id_token": idToken, "state": state, "seed (Base32)": Self.seedBase32,
            ])
        }
    }
}
#endif
