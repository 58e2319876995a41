import ArgumentParser
import DuoCore
import DuoTransport
import DuoWebSDK
import Foundation

/// Shared steps of the Universal commands: read the environment, build the client, report errors.
enum UniversalCommandSupport {
    static func environment() throws -> UniversalEnvironment {
        do { return try UniversalEnvironment() } catch {
            throw ExitCode.failure(error.line)
        }
    }

    static func client(_ environment: UniversalEnvironment, network: Bool) throws -> DuoWebClient {
        let transport: any HTTPTransport
        if network {
            do { transport = try UniversalTransport.make(environment.configuration.transport) } catch let error as TransportError {
                throw ExitCode.failure(error.errorDescription ?? "the HTTPS transport could not be set up")
            }
        } else {
            transport = NoNetworkTransport()
        }
        do { return try DuoWebClient(configuration: environment.configuration, transport: transport) } catch {
            throw ExitCode.failure(error.errorDescription ?? "invalid configuration")
        }
    }

    static func failure(_ error: DuoWebError) -> ExitCode {
        ExitCode.failure(error.errorDescription ?? error.description)
    }
}

/// A transport that refuses every request: `auth-url` must not touch the network.
struct NoNetworkTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        throw TransportError(.invalidConfiguration, reason: "this command makes no network request")
    }
}

/// `duo health-check`: `POST /oauth/v1/health_check`; exit 0 only on `stat: OK`.
struct HealthCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health-check",
        abstract: "Check that Duo is reachable and accepts DUO_CLIENT_ID/DUO_CLIENT_SECRET (Universal Prompt).")

    func run() async throws {
        let environment = try UniversalCommandSupport.environment()
        let client = try UniversalCommandSupport.client(environment, network: true)
        try await UniversalOutcome.healthCheck(client).report()
    }
}

/// `duo auth-url --username U --state S [--nonce N]`: prints the authorization URL; no network.
struct AuthURLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth-url",
        abstract: "Print the Universal Prompt authorization URL for a user (no network access).")

    @Option(help: "The username (duo_uname).") var username: String
    @Option(help: "The state, 16 to 1024 characters.") var state: String
    @Option(help: "An optional nonce, 16 to 1024 characters.") var nonce: String?

    func run() async throws {
        let environment = try UniversalCommandSupport.environment()
        let client = try UniversalCommandSupport.client(environment, network: false)
        do {
            let url = try client.authorizationURL(username: username, state: state, options: AuthorizationOptions(nonce: nonce))
            CLIOutput.printResult(url.absoluteString)
        } catch {
            throw UniversalCommandSupport.failure(error)
        }
    }
}

/// `duo exchange --code C --username U [--nonce N]`: exchanges the code and prints the verified
/// claims; exit 0 on allow, 2 on a valid non-allow answer.
struct ExchangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Exchange a Universal Prompt authorization code and print the verified result as JSON.")

    @Option(help: "The duo_code from the callback.") var code: String
    @Option(help: "The username the login was started for.") var username: String
    @Option(help: "The nonce sent in the authorization request, if any.") var nonce: String?

    func run() async throws {
        let environment = try UniversalCommandSupport.environment()
        let client = try UniversalCommandSupport.client(environment, network: true)
        try await UniversalOutcome.exchange(client, code: code, username: username, nonce: nonce).report()
    }
}

/// What a network command decided: its stdout, its stderr line and its exit status. Kept apart
/// from printing so tests can run the commands' logic against FakeDuo in-process.
struct UniversalOutcome: Equatable {
    var stdout: String?
    var stderr: String?
    var status: Int32

    /// `duo health-check`'s logic.
    static func healthCheck(_ client: some DuoWebAuthenticating) async -> UniversalOutcome {
        do {
            let result = try await client.healthCheck()
            return UniversalOutcome(stdout: "OK" + (result.timestamp.map { " timestamp=\($0)" } ?? ""), stderr: nil, status: CLIExit.success)
        } catch {
            return UniversalOutcome(stdout: nil, stderr: error.errorDescription ?? error.description, status: CLIExit.failure)
        }
    }

    /// `duo exchange`'s logic: JSON claims on stdout; 0 allow, 2 valid non-allow, 1 any failure.
    static func exchange(_ client: some DuoWebAuthenticating, code: String, username: String, nonce: String?) async -> UniversalOutcome {
        do {
            let result = try await client.exchangeAuthorizationCode(code, username: username, nonce: nonce)
            let json = JSONValue.object(result.claims).description
            guard result.isAllowed else {
                return UniversalOutcome(stdout: json, stderr: "not allowed: \(result.explanation ?? "")", status: CLIExit.notAllowed)
            }
            return UniversalOutcome(stdout: json, stderr: nil, status: CLIExit.success)
        } catch {
            return UniversalOutcome(stdout: nil, stderr: error.errorDescription ?? error.description, status: CLIExit.failure)
        }
    }

    /// Prints and exits as decided.
    func report() throws {
        if let stdout { CLIOutput.printResult(stdout) }
        if status == CLIExit.failure { throw ExitCode.failure(stderr ?? "failed") }
        if let stderr { CLIOutput.printNote("duo: \(stderr)") }
        if status != CLIExit.success { throw ExitCode(status) }
    }
}
