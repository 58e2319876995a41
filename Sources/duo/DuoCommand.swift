import ArgumentParser

/// The `duo` command-line tool (contract: Documentation/CLI.md, from shared/docs/cli.md).
///
/// Results go to stdout, errors to stderr as one line `error: <message>`; exit 0 on success,
/// 2 when Duo gave a valid answer that is not allow, anything else on error.
@main
struct DuoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duo",
        abstract: "Check a Duo configuration, script logins and passcodes, and measure speed.",
        subcommands: [
            // Each group of commands lives in its own file and is listed here.
            HealthCheckCommand.self, AuthURLCommand.self, ExchangeCommand.self,
            AuthCommand.self, OTPCommand.self, SpeedCommand.self,
        ]
    )
}
