#if Emulator
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
// are released.
//
// EMULATOR=inprocess (default): the emulator runs in this process, so RSS and fds are the client's
// and the server's together. EMULATOR=process: this binary starts a copy of itself as the
// emulator (LOAD_ROLE=emulator), so the figures read from /proc/self are the SDK clients' alone;
// the emulator's own (/proc/PID) are printed beside them. The browser step is then a real HTTPS
// GET of the authorization URL (a scripted user is answered at once with the redirect).
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
/// Where the emulator runs: "inprocess" (default) or "process" (a child process).
let emulatorInOwnProcess = environment["EMULATOR"] == "process"
/// The users the exchanges and pushes sign in as (scripted to allow in a separate emulator).
let userCount = 50

struct Snapshot: CustomStringConvertible {
    let rssKiB: Int
    let fds: Int
    /// This process, or another one (`process`: a PID) as seen in /proc.
    static func now(process: String = "self") -> Snapshot {
        let status = (try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let rss = Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/fd"))?.count ?? 0
        return Snapshot(rssKiB: rss, fds: process == "self" ? listed - 1 : listed)  // minus the listing's own
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

/// The browser's part of a sign-in: from the authorization URL to the redirect back.
typealias Browser = @Sendable (URL) async throws -> URL

struct BrowserFailed: Error, CustomStringConvertible {
    let description: String
}

/// A browser over HTTPS: GET the authorization URL; the emulator answers a scripted user at once
/// with a redirect to the application's callback.
func httpsBrowser(_ transport: CurlTransport) -> Browser {
    { url in
        let response = try await transport.send(DuoTransport.HTTPRequest(method: .get, url: url))
        guard (300..<400).contains(response.status), let location = response.headers.values(for: "Location").first,
              let back = URL(string: location) else { throw BrowserFailed(description: "authorize answered HTTP \(response.status) without a redirect") }
        return back
    }
}

/// One Universal sign-in, timed: URL, browser simulation, callback, code exchange over HTTPS.
func universalExchange(_ client: DuoWebClient, _ browser: Browser, _ index: Int) async -> Result<Duration, any Error> {
    let start = ContinuousClock.now
    do {
        let username = "load\(index % userCount)"
        let state = client.generateState(), nonce = client.generateNonce()
        let url = try client.authorizationURL(username: username, state: state, options: AuthorizationOptions(nonce: nonce))
        let callback = try client.callback(from: try await browser(url), expectedState: state)
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
        for try await update in client.push(username: "push\(index % userCount)", deadline: .seconds(60)) { last = update }
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

func report(_ phase: Phase, before: Snapshot, after: Snapshot, _ extra: String = "") {
    let rate = Double(phase.latencies.count) / max(milliseconds(phase.wall) / 1000, 0.001)
    print("LOAD|\(phase.name)|requests \(phase.count)|ok \(phase.latencies.count)|errors \(phase.errors.count)|"
        + "\(percentiles(phase.latencies))|wall \(String(format: "%.1f", milliseconds(phase.wall) / 1000)) s (\(String(format: "%.0f", rate))/s)|"
        + "before \(before)|after \(after)\(extra)")
    for error in Set(phase.errors).prefix(5) { print("  error: \(error)") }
}

/// The emulator on a free loopback port, HTTPS with a throwaway CA, every bench user scripted to
/// allow. Returns once the listener is up.
func startEmulator() async throws -> (DuoEmulator, ThrowawayCertificateAuthority, Task<Void, any Error>, Int) {
    guard let port = LoopbackPort.free() else { throw BrowserFailed(description: "no free port") }
    let authority = try ThrowawayCertificateAuthority()
    let emulator = try await DuoEmulator(configuration: DuoEmulatorConfiguration(), host: "127.0.0.1:\(port)", scheme: "https")
    for index in 0..<userCount {
        await emulator.duo.setUser(FakeDuoUser(username: "load\(index)", outcome: .allow))
        await emulator.duo.setUser(FakeDuoUser(username: "push\(index)", outcome: .allow))
    }
    let router = Router()
    emulator.addRoutes(to: router)
    let (started, continuation) = AsyncStream<Void>.makeStream()
    let app = Application(router: router, server: try .tls(.http1(), tlsConfiguration: authority.serverTLSConfiguration),
                          configuration: .init(address: .hostname("127.0.0.1", port: port)),
                          onServerRunning: { _ in continuation.yield() })
    let server = Task { try await app.run() }
    for await _ in started { break }
    return (emulator, authority, server, port)
}

/// LOAD_ROLE=emulator: writes the CA to LOAD_CA_FILE, prints `READY <port>` once listening, and
/// serves until the parent ends it (SIGTERM), or exits by itself when the parent is gone or the
/// time limit has passed (bounded even if the parent crashed).
func serveEmulatorForParent() async throws {
    guard let caFile = environment["LOAD_CA_FILE"] else { print("LOAD_CA_FILE not set"); exit(2) }
    let parent = getppid()
    let (_, authority, server, port) = try await startEmulator()
    _ = try authority.writeCACertificate(to: caFile)
    FileHandle.standardOutput.write(Data("READY \(port)\n".utf8))
    let deadline = ContinuousClock.now + timeLimit + .seconds(60)
    while getppid() == parent, ContinuousClock.now < deadline {
        try await Task.sleep(for: .seconds(1))
    }
    server.cancel()
}

/// The emulator as a child process (this binary again): its PID, port and CA PEM.
func startEmulatorProcess() throws -> (Process, Int, String) {
    let caFile = (NSTemporaryDirectory() as NSString).appendingPathComponent("duo-load-bench-ca-\(getpid()).pem")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var childEnvironment = environment
    childEnvironment["LOAD_ROLE"] = "emulator"
    childEnvironment["LOAD_CA_FILE"] = caFile
    child.environment = childEnvironment
    let output = Pipe()
    child.standardOutput = output
    try child.run()
    // Bounded: the script's timeout(1) ends a child that never says READY.
    var buffered = Data()
    while !buffered.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        buffered.append(chunk)
    }
    let line = String(decoding: buffered, as: UTF8.self).split(separator: "\n").first ?? ""
    guard line.hasPrefix("READY "), let port = Int(line.dropFirst("READY ".count)) else {
        throw BrowserFailed(description: "the emulator process did not start: \(line)")
    }
    let pem = try String(contentsOfFile: caFile, encoding: .utf8)
    try? FileManager.default.removeItem(atPath: caFile)
    return (child, port, pem)
}

@main
struct LoadBench {
    static func main() async throws {
        if environment["LOAD_ROLE"] == "emulator" {
            try await serveEmulatorForParent()
            return
        }
        let configuration = DuoEmulatorConfiguration()
        let port: Int
        let caPEM: String
        let inProcess: DuoEmulator?
        let server: Task<Void, any Error>?
        let child: Process?
        if emulatorInOwnProcess {
            let (process, childPort, pem) = try startEmulatorProcess()
            port = childPort
            caPEM = pem
            child = process
            inProcess = nil
            server = nil
            print("LOAD|emulator|separate process \(process.processIdentifier): figures below are the SDK clients' alone")
        } else {
            let (emulator, authority, emulatorServer, emulatorPort) = try await startEmulator()
            port = emulatorPort
            caPEM = authority.caCertificatePEM
            inProcess = emulator
            server = emulatorServer
            child = nil
            print("LOAD|emulator|in this process: figures below are the clients' and the emulator's together")
        }
        let emulatorPID = child.map { String($0.processIdentifier) }
        let emulatorFigures: @Sendable () -> String = { emulatorPID.map { "|emulator process \(Snapshot.now(process: $0))" } ?? "" }

        let failures = await Task {
            var failures = 0
            // Clients live in this scope only, so their transports (and pooled connections) are
            // released before the final snapshot.
            do {
                let apiHost = "127.0.0.1:\(port)"
                let transportConfiguration = TransportConfiguration(trust: .customRoots(pem: Array(caPEM.utf8)))
                var webConfiguration = try DuoWebConfiguration(clientID: configuration.clientID,
                                                               clientSecret: configuration.clientSecret,
                                                               apiHost: apiHost, redirectURI: "https://127.0.0.1:1/callback")
                webConfiguration.transport = transportConfiguration
                let web = try DuoWebClient(configuration: webConfiguration, transport: try CurlTransport(configuration: transportConfiguration))
                var authConfiguration = try DuoAuthConfiguration(integrationKey: configuration.integrationKey,
                                                                 secretKey: configuration.secretKey, apiHost: apiHost)
                authConfiguration.transport = transportConfiguration
                let auth = DuoAuthClient(configuration: authConfiguration, transport: try CurlTransport(configuration: transportConfiguration))
                let browser: Browser
                if let duo = inProcess?.duo {
                    browser = { try await duo.simulateBrowser(authorizationURL: $0) }
                } else {
                    browser = httpsBrowser(try CurlTransport(configuration: transportConfiguration))
                }

                // Warm-up: one of each, so lazy one-time allocations are not counted as growth.
                _ = await universalExchange(web, browser, 0)
                _ = await authPush(auth, 0)
                let baseline = Snapshot.now()
                print("LOAD|baseline (after warm-up)|\(baseline)\(emulatorFigures())")

                var sequential = Phase(name: "Universal exchanges, sequential", count: sequentialCount)
                await run(&sequential, concurrent: false) { await universalExchange(web, browser, $0) }
                let afterSequential = Snapshot.now()
                report(sequential, before: baseline, after: afterSequential, emulatorFigures())

                // Each concurrent phase runs ROUNDS times (default 2): growth in round 1 that does not
                // recur in round 2 is the allocator's high-water mark, growth every round a leak.
                var concurrentErrors = 0
                var before = afterSequential
                for round in 1...rounds {
                    var concurrent = Phase(name: "Universal exchanges, all concurrent, round \(round)", count: concurrentCount)
                    await run(&concurrent, concurrent: true) { await universalExchange(web, browser, $0) }
                    let afterConcurrent = Snapshot.now()
                    report(concurrent, before: before, after: afterConcurrent, emulatorFigures())

                    var pushes = Phase(name: "Auth API pushes, all concurrent, round \(round)", count: pushCount)
                    await run(&pushes, concurrent: true) { await authPush(auth, $0) }
                    before = Snapshot.now()
                    report(pushes, before: afterConcurrent, after: before, emulatorFigures())
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
        print("LOAD|after clients released|\(Snapshot.now())\(emulatorFigures())")
        #if canImport(Glibc)
        // glibc keeps freed heap pages mapped (arenas of the 1 000 concurrent TLS connections'
        // threads' allocations) until asked; after malloc_trim, what remains resident is what is
        // still allocated, which tells allocator retention apart from a leak.
        // malloc.h is not part of the Glibc module, so the symbol is looked up at run time.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {  // RTLD_DEFAULT
            let mallocTrim = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
            _ = mallocTrim(0)
            print("LOAD|after malloc_trim(0)|\(Snapshot.now())")
        }
        #endif
        if let emulator = inProcess {
            // FakeDuo keeps every request it served (and every code and assertion jti) for tests to
            // inspect: that retained state is server-side growth, not the clients'.
            let retained = await emulator.duo.requests
            print("LOAD|emulator retained|\(retained.count) requests, \(retained.reduce(0) { $0 + $1.body.count + $1.url.absoluteString.utf8.count }) bytes of bodies and URLs")
        }
        server?.cancel()
        if let child {
            child.terminate()
            child.waitUntilExit()
        }
        print(failures == 0 ? "LOAD|result|zero errors" : "LOAD|result|\(failures) errors")
        exit(failures == 0 ? 0 : 1)
    }
}
#else
import Foundation

/// Built without the `Emulator` package trait, which brings Hummingbird and SwiftNIO: say how to
/// build the real command.
@main
enum LoadBenchWithoutTrait {
    static func main() {
        FileHandle.standardError.write(Data("error: duo-load-bench needs the package trait Emulator: build it with `swift build --traits Emulator` (make emulator does)\n".utf8))
        exit(64)
    }
}
#endif
