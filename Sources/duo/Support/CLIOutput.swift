import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit statuses of the `duo` tool (shared/docs/cli.md).
enum CLIExit {
    /// Success (and, for `exchange`/`auth push`/`auth passcode`, an allow).
    static let success: Int32 = 0
    /// Duo gave a valid answer that is not allow.
    static let notAllowed: Int32 = 2
    /// Any error: configuration, transport, TLS, timeout, bad answer.
    static let failure: Int32 = 1
}

/// Standard streams, written without buffering surprises.
enum CLIOutput {
    /// Writes one line to stdout.
    static func printResult(_ line: String) {
        writeAll(line + "\n", to: STDOUT_FILENO)
    }

    /// Writes `error: <message>` as one line to stderr (newlines in the message are folded).
    static func printError(_ message: String) {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        writeAll("error: \(oneLine)\n", to: STDERR_FILENO)
    }

    /// Writes one informational line to stderr (progress, notes).
    static func printNote(_ line: String) {
        writeAll(line + "\n", to: STDERR_FILENO)
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var remaining = Array(text.utf8)
        while !remaining.isEmpty {
            let written = write(descriptor, remaining, remaining.count)
            if written <= 0 { return }
            remaining.removeFirst(min(written, remaining.count))
        }
    }
}

extension ExitCode {
    /// Prints `error: <message>` on stderr and returns the exit code to throw, so a command
    /// reports a failure in one line: `throw ExitCode.failure("...")`.
    static func failure(_ message: String, code: Int32 = CLIExit.failure) -> ExitCode {
        CLIOutput.printError(message)
        return ExitCode(code)
    }
}
