// TransportBench: requests per second through the SDK's real public paths against a local HTTPS
// server (nginx, started by Benchmarks/run-transport-bench.sh on 127.0.0.1).
//
//   TransportBench transport --url https://127.0.0.1:PORT/ping --ca ca.pem [--concurrency 1]
//                            [--count 20000] [--seconds 10] [--warmup 200] [--on-transport-executor]
//                            [--post BODY [--sent-once]]
//   TransportBench health    --host 127.0.0.1:PORT --ca ca.pem [same options]
//
// `--on-transport-executor` runs the calling tasks with the transport's (or, for `health`, the
// client's) `preferredTaskExecutor` as their executor preference, so they run on the transfer
// thread (no thread hand-offs per request).
//
// `transport` times `CurlTransport.send` (GET; with `--post`, a POST of BODY marked idempotent, so
// it reuses kept-alive connections; with `--sent-once` too, marked not idempotent, so every
// request opens a new connection: the difference is the cost of that connection);
// `health` times `DuoWebClient.healthCheck()` (a
// signed client assertion POSTed to /oauth/v1/health_check, the JSON answer parsed and checked).
// Every answer is checked (status 200 and the expected body or `stat: OK`); a single wrong answer
// fails the run, so a rate is never reported for requests that did not succeed.
//
// Output: one line `RESULT <name> <requests> <seconds> <rate>` on standard output, the rest on
// standard error.
import DuoCore
import DuoTransport
import DuoWebSDK
import Foundation

struct Options {
    var mode = ""
    var url = ""
    var host = ""
    var ca = ""
    var concurrency = 1
    var count = 20_000
    var seconds = 10.0
    var warmup = 200
    var name = ""
    var onTransportExecutor = false
    var postBody: String?
    var sentOnce = false

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments.dropFirst()
        guard let mode = rest.popFirst(), mode == "transport" || mode == "health" else { return nil }
        options.mode = mode
        while let flag = rest.popFirst() {
            if flag == "--on-transport-executor" {
                options.onTransportExecutor = true
                continue
            }
            if flag == "--sent-once" {
                options.sentOnce = true
                continue
            }
            guard let value = rest.popFirst() else { return nil }
            switch flag {
            case "--url": options.url = value
            case "--host": options.host = value
            case "--ca": options.ca = value
            case "--name": options.name = value
            case "--post": options.postBody = value
            case "--concurrency": guard let number = Int(value), number > 0 else { return nil }; options.concurrency = number
            case "--count": guard let number = Int(value), number > 0 else { return nil }; options.count = number
            case "--seconds": guard let number = Double(value), number > 0 else { return nil }; options.seconds = number
            case "--warmup": guard let number = Int(value), number >= 0 else { return nil }; options.warmup = number
            default: return nil
            }
        }
        guard !options.ca.isEmpty, mode == "transport" ? !options.url.isEmpty : !options.host.isEmpty else { return nil }
        if options.name.isEmpty { options.name = "\(mode)-c\(options.concurrency)" }
        return options
    }
}

enum BenchError: Error, CustomStringConvertible {
    case wrongAnswer(String)
    var description: String {
        switch self {
        case .wrongAnswer(let text): return "wrong answer: \(text)"
        }
    }
}

/// Claims work items from a shared budget: a request count and a deadline, whichever comes first.
final class Budget: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int
    private let deadline: ContinuousClock.Instant

    init(count: Int, seconds: Double) {
        remaining = count
        deadline = .now + .milliseconds(Int(seconds * 1000))
    }

    /// Takes one request from the budget; `false` once the count or the time is used up. The clock
    /// is read every 64 requests to keep its cost out of the figure.
    func take() -> Bool {
        lock.withLock {
            guard remaining > 0 else { return false }
            if remaining % 64 == 0, ContinuousClock.now >= deadline {
                remaining = 0
                return false
            }
            remaining -= 1
            return true
        }
    }
}

/// Runs `operation` from `concurrency` tasks until the budget is spent; returns how many ran.
func drive(
    concurrency: Int, budget: Budget, executor: (any TaskExecutor)?, _ operation: @escaping @Sendable () async throws -> Void
) async throws -> Int {
    try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<concurrency {
            group.addTask(executorPreference: executor) {
                var done = 0
                while budget.take() {
                    try await operation()
                    done += 1
                }
                return done
            }
        }
        var total = 0
        for try await done in group { total += done }
        return total
    }
}

func measure(_ options: Options, preferring preferred: (any TaskExecutor)?, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    let executor = options.onTransportExecutor ? preferred : nil
    // Warm-up: opens the connection(s) and fills the caches; not timed.
    if options.warmup > 0 {
        _ = try await drive(concurrency: options.concurrency, budget: Budget(count: options.warmup, seconds: 30), executor: executor, operation)
    }
    let budget = Budget(count: options.count, seconds: options.seconds)
    let started = ContinuousClock.now
    let completed = try await drive(concurrency: options.concurrency, budget: budget, executor: executor, operation)
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(completed) / seconds
    print("RESULT \(options.name) \(completed) \(String(format: "%.3f", seconds)) \(String(format: "%.0f", rate))")
}

func runTransport(_ options: Options) async throws {
    guard let url = URL(string: options.url) else { throw BenchError.wrongAnswer("bad --url") }
    let transport = try CurlTransport(configuration: TransportConfiguration(trust: .customRootsFile(path: options.ca)))
    let request = options.postBody.map {
        HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                    body: Array($0.utf8), isIdempotent: !options.sentOnce)
    } ?? HTTPRequest(method: .get, url: url)
    let expected = Array("{\"stat\":\"OK\",\"response\":\"pong\"}".utf8)
    try await measure(options, preferring: transport.preferredTaskExecutor) {
        let response = try await transport.send(request)
        guard response.status == 200, response.body == expected else {
            throw BenchError.wrongAnswer("HTTP \(response.status), \(response.body.count) bytes")
        }
    }
}

func runHealth(_ options: Options) async throws {
    let configuration = try DuoWebConfiguration(
        clientID: "DIBENCHMARK000000000",
        clientSecret: "benchmarksecretbenchmarksecretbenchmark0",
        apiHost: options.host,
        redirectURI: "https://127.0.0.1/duo/callback",
        transport: TransportConfiguration(trust: .customRootsFile(path: options.ca))
    )
    let client = try DuoWebClient(configuration: configuration)
    // One checked call first: nginx must answer stat OK with a current timestamp.
    let first = try await client.healthCheck()
    let now = Int64(Date().timeIntervalSince1970)
    guard let timestamp = first.timestamp, abs(timestamp - now) <= 5 else {
        throw BenchError.wrongAnswer("health check timestamp \(String(describing: first.timestamp)), now \(now)")
    }
    FileHandle.standardError.write(Data("health check OK, server timestamp \(timestamp)\n".utf8))
    try await measure(options, preferring: client.preferredTaskExecutor) {
        let result = try await client.healthCheck()
        guard result.timestamp != nil else { throw BenchError.wrongAnswer("no timestamp") }
    }
}

guard let options = Options.parse(CommandLine.arguments) else {
    FileHandle.standardError.write(Data("usage: TransportBench transport --url URL --ca FILE | health --host HOST:PORT --ca FILE [--concurrency N] [--count N] [--seconds S] [--warmup N] [--name NAME] [--on-transport-executor] [--post BODY [--sent-once]]\n".utf8))
    exit(2)
}
do {
    if options.mode == "transport" {
        try await runTransport(options)
    } else {
        try await runHealth(options)
    }
} catch {
    FileHandle.standardError.write(Data("TransportBench \(options.name) failed: \(error)\n".utf8))
    exit(1)
}
