#if Emulator
import DuoEmulator
import DuoTransport
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS

/// Starts a ``DuoEmulator`` on a free 127.0.0.1 port for one test and stops it afterwards.
enum EmulatorServer {
    struct StartFailed: Error {}

    /// Runs `body` with an emulator listening; the server task is cancelled when `body` returns.
    static func with<T: Sendable>(unenrolled: Set<String> = [], pushLifetime: Double = 60, tls: ThrowawayCertificateAuthority? = nil,
                                  _ body: @Sendable (DuoEmulator) async throws -> T) async throws -> T {
        guard let port = LoopbackPort.free() else { throw StartFailed() }
        let emulator = try await DuoEmulator(configuration: DuoEmulatorConfiguration(pushLifetime: pushLifetime),
                                             host: "127.0.0.1:\(port)", scheme: tls == nil ? "http" : "https", unenrolledUsers: unenrolled)
        let router = Router()
        emulator.addRoutes(to: router)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let serverBuilder: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0.serverTLSConfiguration) } ?? .http1()
        let app = Application(router: router, server: serverBuilder, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in continuation.yield() })
        let server = Task { try await app.run() }
        defer { server.cancel() }
        // Bounded wait for the listener: 60 s (a first start on a loaded 2-core CI machine is slow).
        let ready = await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in started { return true }; return false }
            group.addTask { try? await Task.sleep(for: .seconds(60)); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        guard ready else { throw StartFailed() }
        return try await body(emulator)
    }

    /// A browser that does not follow redirects: plain HTTP to loopback only.
    static func browser() throws -> CurlTransport {
        var configuration = TransportConfiguration()
        configuration.allowsInsecureLoopbackHTTP = true
        return try CurlTransport(configuration: configuration)
    }
}
#endif
