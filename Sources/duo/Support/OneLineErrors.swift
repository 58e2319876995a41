import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DuoCommand {
    /// The entry point: ArgumentParser's, except that a usage error is reported as the one
    /// line `error: <message>` the contract asks for (exit status 64, as ArgumentParser uses),
    /// instead of a message followed by the usage screen. Help and version requests are
    /// printed as ArgumentParser prints them.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let text = message(for: error)
            if !text.isEmpty { CLIOutput.printError(text) }
            terminateProcess(code.rawValue)
        }
    }
}

/// Ends the process with a status (the C library's `exit`, which `ParsableCommand.exit` shadows).
private func terminateProcess(_ status: Int32) -> Never {
    exit(status)
}
