// Load and soak against the emulator on loopback HTTPS (issue 9, item 4). Not shipped; run it with
// Benchmarks/run-load.sh, which builds it with -c release.
//
// One process: a DuoEmulator (Hummingbird + TLS from a throwaway CA) on 127.0.0.1 and the SDK
// clients over CurlTransport trusting only that CA. Phases:
//   1. SEQUENTIAL Universal exchanges: authorization URL -> FakeDuo's browser simulation -> callback
//      parse -> DuoWebClient.exchangeAuthorizationCode over HTTPS;
//   2. CONCURRENT Universal exchanges, all started at once;
//   3. CONCURRENT Auth API pushes (DuoAuthClient.push: /auth async + /auth_status), all at once;
//   phases 2 and 3 repeat ROUNDS times (default 2) to tell a high-water mark from a leak.
// Every run must succeed and be allowed; any error is counted and printed. VmRSS and the number
// of open file descriptors (/proc/self) are read before, after each phase, and after the clients
// are released. The process includes the server, so growth there is growth in either side.
import DuoAuthAPI
import DuoCore
import DuoEmulator
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
#if canImport(Glibc)
import Glibc
#endif

let environment = ProcessInfo.processInfo.environment
let sequentialCount = min(max(Int(environment["SEQUENTIAL"] ?? "") ?? 10_000, 1), 100_000)
let concurrentCount = min(max(Int(environment["CONCURRENT"] ?? "") ?? 1_000, 1), 10_000)
let pushCount = min(max(Int(environment["PUSHES"] ?? "") ?? 1_000, 1), 10_000)
let rounds = min(max(Int(environment["ROUNDS"] ?? "") ?? 2, 1), 10)
/// The whole run is abandoned after this long (bounded in time as well as in count).
let timeLimit = Duration.seconds(Int(environment["TIME_LIMIT_SECONDS"] ?? "") ?? 900)

struct Snapshot: CustomStringConvertible {
    let rssKiB: Int
    let fds: Int
    static func now() -> Snapshot {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let rss = Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        let fds = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.count ?? 0) - 1  // minus the listing's own
        return Snapshot(rssKiB: rss, fds: fds)
    }
    var description: String { "RSS \(rssKiB / 1024) MiB (\(rssKiB) KiB), fds \(fds)" }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// p50, p99 and max of latencies, in ms.
func percentiles(_ samples: [Duration]) -> String {
    guard !samples.isEmpty else { return "no samples" }
    let sorted = samples.map(milliseconds).sorted()
    func at(_ fraction: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)] }
    return String(format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms", at(0.5), at(0.99), sorted[sorted.count - 1])
}

struct Phase {
    let name: String
    let count: Int
    var errors: [String] = []
    var latencies: [Duration] = []
    var wall: Duration = .zero
}

/// One Universal sign-in, timed: URL, browser simulation, callback, code exchange over HTTPS.
func universalExchange(_ client: DuoWebClient, _ duo: FakeDuo, _ index: Int) async -> Result<Duration, any Error> {
    let start = ContinuousClock.now
    do {
        let username = "load\(index % 50)"
        let state = client.generateState(), nonce = client.generateNonce()
        let url = try client.authorizationURL(username: username, state: state, options: AuthorizationOptions(nonce: nonce))
        let callback = try client.callback(from: try await duo.simulateBrowser(authorizationURL: url), expectedState: state)
        let authorization = try await client.exchangeAuthorizationCode(callback.code, username: username, nonce: nonce)
        guard authorization.isAllowed else { throw DuoWebError.invalidArgument }
        return .success(ContinuousClock.now - start)
    } catch {
        return .failure(error)
    }
}

/// One Auth API push followed to its final answer.
func authPush(_ client: DuoAuthClient, _ index: Int) async -> Result<Duration, any Error> {
    let start = ContinuousClock.now
    do {
        var last: DuoAuthResponse?
        for try await update in client.push(username: "push\(index % 50)", deadline: .seconds(60)) { last = update }
        guard last?.isAllowed == true else { throw DuoAuthError.invalidArgument("push not allowed: \(String(describing: last?.status))") }
        return .success(ContinuousClock.now - start)
    } catch {
        return .failure(error)
    }
}

func run(_ phase: inout Phase, concurrent: Bool, _ body: @escaping @Sendable (Int) async -> Result<Duration, any Error>) async {
    let start = ContinuousClock.now
    var results: [Result<Duration, any Error>] = []
    results.reserveCapacity(phase.count)
    if concurrent {
        results = await withTaskGroup(of: Result<Duration, any Error>.self) { group in
            for index in 0..<phase.count { group.addTask { await body(index) } }
            var collected: [Result<Duration, any Error>] = []
            for await result in group { collected.append(result) }
            return collected
        }
    } else {
        for index in 0..<phase.count {
            results.append(await body(index))
            if ContinuousClock.now - start > timeLimit { phase.errors.append("time limit reached after \(index + 1)"); break }
        }
    }
    phase.wall = ContinuousClock.now - start
    for result in results {
        switch result {
        case .success(let latency): phase.latencies.append(latency)
        case .failure(let error): phase.errors.append(String(describing: error))
        }
    }
}

func report(_ phase: Phase, before: Snapshot, after: Snapshot) {
    let rate = Double(phase.latencies.count) / max(milliseconds(phase.wall) / 1000, 0.001)
    print("LOAD|\(phase.name)|requests \(phase.count)|ok \(phase.latencies.count)|errors \(phase.errors.count)|"
        + "\(percentiles(phase.latencies))|wall \(String(format: "%.1f", milliseconds(phase.wall) / 1000)) s (\(String(format: "%.0f", rate))/s)|"
        + "before \(before)|after \(after)")
    for error in Set(phase.errors).prefix(5) { print("  error: \(error)") }
}

@main
struct LoadBench {
    static func main() async throws {
        guard let port = LoopbackPort.free() else { print("no free port"); exit(2) }
        let authority = try ThrowawayCertificateAuthority()
        let emulator = try await DuoEmulator(configuration: DuoEmulatorConfiguration(), host: "127.0.0.1:\(port)", scheme: "https")
        let router = Router()
        emulator.addRoutes(to: router)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let app = Application(router: router, server: try .tls(.http1(), tlsConfiguration: authority.serverTLSConfiguration),
                              configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in continuation.yield() })
        let server = Task { try await app.run() }
        for await _ in started { break }

        let failures = await Task {
            var failures = 0
            // Clients live in this scope only, so their transports (and pooled connections) are
            // released before the final snapshot.
            do {
                let transportConfiguration = TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8)))
                var webConfiguration = try DuoWebConfiguration(clientID: emulator.configuration.clientID,
                                                               clientSecret: emulator.configuration.clientSecret,
                                                               apiHost: emulator.duo.apiHost, redirectURI: "https://127.0.0.1:1/callback")
                webConfiguration.transport = transportConfiguration
                let web = try DuoWebClient(configuration: webConfiguration, transport: try CurlTransport(configuration: transportConfiguration))
                var authConfiguration = try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey,
                                                                 secretKey: emulator.configuration.secretKey, apiHost: emulator.duo.apiHost)
                authConfiguration.transport = transportConfiguration
                let auth = DuoAuthClient(configuration: authConfiguration, transport: try CurlTransport(configuration: transportConfiguration))
                let duo = emulator.duo

                // Warm-up: one of each, so lazy one-time allocations are not counted as growth.
                _ = await universalExchange(web, duo, 0)
                _ = await authPush(auth, 0)
                let baseline = Snapshot.now()
                print("LOAD|baseline (after warm-up)|\(baseline)")

                var sequential = Phase(name: "Universal exchanges, sequential", count: sequentialCount)
                await run(&sequential, concurrent: false) { await universalExchange(web, duo, $0) }
                let afterSequential = Snapshot.now()
                report(sequential, before: baseline, after: afterSequential)

                // Each concurrent phase runs ROUNDS times (default 2): growth in round 1 that does not
                // recur in round 2 is the allocator's high-water mark, growth every round a leak.
                var concurrentErrors = 0
                var before = afterSequential
                for round in 1...rounds {
                    var concurrent = Phase(name: "Universal exchanges, all concurrent, round \(round)", count: concurrentCount)
                    await run(&concurrent, concurrent: true) { await universalExchange(web, duo, $0) }
                    let afterConcurrent = Snapshot.now()
                    report(concurrent, before: before, after: afterConcurrent)

                    var pushes = Phase(name: "Auth API pushes, all concurrent, round \(round)", count: pushCount)
                    await run(&pushes, concurrent: true) { await authPush(auth, $0) }
                    before = Snapshot.now()
                    report(pushes, before: afterConcurrent, after: before)
                    concurrentErrors += concurrent.errors.count + pushes.errors.count
                }
                failures = sequential.errors.count + concurrentErrors
            } catch {
                print("setup failed: \(error)")
                failures = 1
            }
            return failures
        }.value
        // Idle pooled connections are closed when the transports go; give the server a moment.
        try await Task.sleep(for: .seconds(2))
        print("LOAD|after clients released|\(Snapshot.now())")
        // FakeDuo keeps every request it served (and every code and assertion jti) for tests to
        // inspect: that retained state is server-side growth, not the clients'.
        let retained = await emulator.duo.requests
        print("LOAD|emulator retained|\(retained.count) requests, \(retained.reduce(0) { $0 + $1.body.count + $1.url.absoluteString.utf8.count }) bytes of bodies and URLs")
        server.cancel()
        print(failures == 0 ? "LOAD|result|zero errors" : "LOAD|result|\(failures) errors")
        exit(failures == 0 ? 0 : 1)
    }
}
