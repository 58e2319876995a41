import ArgumentParser
import Foundation

/// `duo speed [--json] [--seconds S]`: the offline benchmark of shared/docs/cli.md, Part 4.
///
/// Self-checks all nine operations on the built-in inputs, then times each for S seconds and
/// prints one JSON object (`--json`) or a table. Progress and the checksum go to stderr.
struct SpeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed",
        abstract: "Measure the SDK's CPU paths on fixed inputs (offline; build with -c release).")

    @Flag(name: .long, help: "Print one JSON object: {\"<operation>\": {\"ops_per_sec\": ..., \"ns_per_op\": ...}, ...}.")
    var json = false

    @Option(name: .long, help: "Seconds to spend timing each operation (0.05-30, default 1).")
    var seconds: Double = 1

    /// For profiling one operation (`perf record duo speed --only validate_id_token`); the
    /// output then lacks the other operations, so it is not a `--json` result to compare.
    @Option(name: .long, help: .hidden)
    var only: [String] = []

    func validate() throws {
        guard seconds.isFinite, (0.05...30).contains(seconds) else {
            throw ValidationError("--seconds must be a number from 0.05 to 30")
        }
    }

    func run() throws {
        let operations: [SpeedOperation]
        do { operations = try SpeedSuite.make(.builtIn) } catch {
            CLIOutput.printError(error.description)
            throw ExitCode(CLIExit.failure)
        }
        let timer = SpeedTimer(seconds: seconds)
        var checksum: UInt64 = 0
        var results: [(String, SpeedTimer.Result)] = []
        for operation in operations where only.isEmpty || only.contains(operation.name) {
            CLIOutput.printNote("timing \(operation.name)...")
            results.append((operation.name, timer.measure(checksum: &checksum, operation.run)))
        }
        CLIOutput.printNote("checksum \(String(checksum, radix: 16))")
        CLIOutput.printResult(json ? Self.json(results) : Self.table(results))
    }

    /// The `--json` object: every operation with `ops_per_sec` and `ns_per_op`.
    static func json(_ results: [(String, SpeedTimer.Result)]) -> String {
        let members = results.map { name, result in
            "\(JSONText.string(name)): {\"ops_per_sec\": \(number(result.operationsPerSecond)), \"ns_per_op\": \(number(result.nanosecondsPerOperation))}"
        }
        return "{" + members.joined(separator: ",\n ") + "}"
    }

    /// A human-readable table.
    static func table(_ results: [(String, SpeedTimer.Result)]) -> String {
        var lines = ["operation".padding(toLength: 22, withPad: " ", startingAt: 0) + "       ops/s      ns/op"]
        for (name, result) in results {
            let rate = String(format: "%12.0f", result.operationsPerSecond)
            let cost = String(format: "%11.1f", result.nanosecondsPerOperation)
            lines.append(name.padding(toLength: 22, withPad: " ", startingAt: 0) + rate + cost)
        }
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String { String(format: "%.3f", value) }
}
