import ArgumentParser
import DuoCore
import Foundation

/// `duo otp batch`: JSON lines in (each an array of the arguments after `duo otp`), one JSON
/// line out per input line, in order; never stops early, exits 0 at the end of input.
struct OTPBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many otp commands: read JSON arrays of arguments from stdin, write one JSON result per line.")

    func run() throws {
        while let line = readLine(strippingNewline: true) {
            CLIOutput.printResult(Self.result(forLine: line))
        }
    }

    /// `{"ok":true,"out":…}` or `{"ok":false,"error":…}` for one input line.
    static func result(forLine line: String) -> String {
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard case .array(let elements)? = try? JSONReader.read(Array(trimmed.utf8)) else {
            return failure("the line is not a JSON array of strings")
        }
        let arguments = elements.compactMap(\.stringValue)
        guard arguments.count == elements.count else { return failure("the line is not a JSON array of strings") }
        let command: any ParsableCommand
        do { command = try OTPCommand.parseAsRoot(arguments) } catch {
            return report(error)
        }
        if command is OTPBatchCommand {
            return failure("batch cannot run inside batch")
        }
        guard let runnable = command as? any OTPOutputCommand else {
            // `--help`, `help …` or no subcommand: these commands only throw their help text.
            var other = command
            do { try other.run() } catch { return report(error) }
            return failure("unknown otp command")
        }
        do { return success(try runnable.output()) } catch { return failure(error.message) }
    }

    /// A parse error or help request, as `duo otp …` would have reported it.
    private static func report(_ error: any Error) -> String {
        if OTPCommand.exitCode(for: error) == .success {
            // Help: the text the command would have printed on stdout.
            return success(OTPCommand.fullMessage(for: error).trimmingCharacters(in: .newlines))
        }
        return failure(OTPCommand.message(for: error))
    }

    private static func success(_ out: String) -> String {
        "{\"ok\":true,\"out\":\(JSONText.string(out))}"
    }

    /// The error is the line the command would have written on stderr.
    private static func failure(_ message: String) -> String {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "{\"ok\":false,\"error\":\(JSONText.string("error: \(oneLine)"))}"
    }
}
