import ArgumentParser
import DuoAuthAPI
import DuoCore
import DuoTransport

/// `duo auth ...`: Duo's Auth API (cli.md Part 2).
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Drive Duo's Auth API: ping, check, preauth, push and passcode (DUO_INTEGRATION_KEY, DUO_SECRET_KEY, DUO_API_HOST).",
        subcommands: [AuthPingCommand.self, AuthCheckCommand.self, AuthPreauthCommand.self, AuthPushCommand.self, AuthPasscodeCommand.self]
    )
}

/// Shared steps: read the environment (no request on a problem), build the client.
enum AuthCommandSupport {
    static func client() throws -> DuoAuthClient {
        let environment: AuthEnvironment
        do { environment = try AuthEnvironment() } catch { throw ExitCode.failure(error.line) }
        do { return try DuoAuthClient(configuration: environment.configuration) } catch let error as TransportError {
            throw ExitCode.failure(error.errorDescription ?? "the HTTPS transport could not be set up")
        }
    }
}

/// `duo auth ping`: unsigned `GET /auth/v2/ping`.
struct AuthPingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ping", abstract: "Check that Duo's Auth API is reachable (unsigned).")

    func run() async throws {
        try await AuthOutcome.ping(try AuthCommandSupport.client(), signed: false).report()
    }
}

/// `duo auth check`: signed `GET /auth/v2/check`.
struct AuthCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check that Duo accepts the integration key, secret key and signature.")

    func run() async throws {
        try await AuthOutcome.ping(try AuthCommandSupport.client(), signed: true).report()
    }
}

/// `duo auth preauth --username U`.
struct AuthPreauthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "preauth", abstract: "Ask Duo whether a user must authenticate, and with which devices (JSON).")

    @Option(help: "The Duo username.") var username: String

    func run() async throws {
        try await AuthOutcome.preauth(try AuthCommandSupport.client(), username: username).report()
    }
}

/// `duo auth push --username U [--device D] [--type T] [--display-username N] [--pushinfo K=V]... [--async]`.
struct AuthPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Send a Duo Push and print the final answer (JSON); exit 0 on allow, 2 on a valid non-allow answer.")

    @Option(help: "The Duo username.") var username: String
    @Option(help: "The device ID, or auto.") var device: String = "auto"
    @Option(help: "A short label shown in Duo Mobile.") var type: String?
    @Option(name: .customLong("display-username"), help: "The name shown instead of the username.") var displayUsername: String?
    @Option(help: "A K=V line shown in Duo Mobile (repeatable, in order).") var pushinfo: [String] = []
    @Flag(name: .customLong("async"), help: "Start asynchronously and poll auth_status, with progress on stderr.") var isAsync = false

    func validate() throws {
        for pair in pushinfo where !pair.contains("=") {
            throw ValidationError("--pushinfo takes K=V, got '\(pair)'")
        }
    }

    func run() async throws {
        let pairs = pushinfo.map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let options = DuoPushOptions(device: device, type: type, displayUsername: displayUsername, pushInfo: DuoPushInfo(pairs))
        let client = try AuthCommandSupport.client()
        let outcome = await AuthOutcome.push(client, username: username, options: options, async: isAsync, deadline: .seconds(300)) { update in
            CLIOutput.printNote("duo: \(update.status.rawValue): \(update.statusMessage)")
        }
        try outcome.report()
    }
}

/// `duo auth passcode --username U --passcode P`.
struct AuthPasscodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passcode", abstract: "Check a passcode and print the answer (JSON); exit 0 on allow, 2 on a valid non-allow answer.")

    @Option(help: "The Duo username.") var username: String
    @Option(help: "The passcode.") var passcode: String

    func run() async throws {
        try await AuthOutcome.passcode(try AuthCommandSupport.client(), username: username, passcode: passcode).report()
    }
}
