import ArgumentParser

/// `duo otp …`: one-time passwords, offline (no network, no `DUO_*` variables).
struct OTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otp",
        abstract: "Generate, parse and verify HOTP/TOTP passcodes (offline).",
        subcommands: [OTPCodeCommand.self, OTPParseCommand.self, OTPVerifyCommand.self, OTPQRCommand.self, OTPBatchCommand.self]
    )
}

/// A failure of an `otp` command, reported as one `error: <message>` line.
struct OTPCommandFailure: Error {
    let message: String
}

/// An `otp` subcommand whose whole stdout is computed first, so `batch` can run it in-process.
protocol OTPOutputCommand: ParsableCommand {
    /// The command's stdout without the final newline.
    func output() throws(OTPCommandFailure) -> String
}

extension OTPOutputCommand {
    func run() throws {
        let text: String
        do { text = try output() } catch { throw ExitCode.failure(error.message) }
        CLIOutput.printResult(text)
    }
}
