#if Emulator
// duo-emulator: FakeDuo on a loopback socket with Duo-like pages, for trying an integration
// without Duo credentials. See Documentation/TryIt.md.
import ArgumentParser
import DuoEmulator
import DuoTesting
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS

@main
struct DuoEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duo-emulator",
        abstract: "Serve a local Duo emulator (Universal Prompt, Auth API, an emulated phone) on 127.0.0.1.")

    @Option(help: "The loopback port to listen on.")
    var port = 8443

    @Flag(help: "Serve plain HTTP on loopback instead of HTTPS with a throwaway CA.")
    var http = false

    @Option(help: "Where to write the throwaway CA certificate (PEM) when serving HTTPS (default: a file in the temporary directory).")
    var caFile: String?

    @Option(name: .customLong("user"), help: "Script a user: name=allow|deny|timeout|fraud|error (repeatable). Unscripted users answer interactively on /phone.")
    var users: [String] = []

    @Option(name: .customLong("unenrolled"), help: "A user with no device yet: the prompt shows enrollment and the Auth API's preauth answers enroll (repeatable).")
    var unenrolled: [String] = []

    @Option(name: .customLong("fault"), help: "Inject a fault: /path=fault, fault one of \(FakeDuoScript.faultNames.joined(separator: ", ")) (repeatable).")
    var faults: [String] = []

    @Option(help: "The application name the prompt shows.")
    var applicationName = "University Mail"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535.") }
        for user in users where FakeDuoScript.user(user) == nil { throw ValidationError("--user \(user): expected name=allow|deny|timeout|fraud|error.") }
        for fault in faults where FakeDuoScript.fault(fault) == nil { throw ValidationError("--fault \(fault): expected /path=fault.") }
    }

    func run() async throws {
        let host = "127.0.0.1:\(port)"
        let configuration = DuoEmulatorConfiguration(applicationName: applicationName)
        let emulator = try await DuoEmulator(configuration: configuration, host: host, scheme: http ? "http" : "https",
                                             unenrolledUsers: Set(unenrolled))
        for user in users.compactMap(FakeDuoScript.user) { await emulator.duo.setUser(user) }
        for (path, fault) in faults.compactMap(FakeDuoScript.fault) { await emulator.duo.setFault(fault, on: path) }
        let router = Router()
        emulator.addRoutes(to: router)
        let server: HTTPServerBuilder
        let transportNote: String
        if http {
            server = .http1()
            transportNote = "plain HTTP on loopback"
        } else {
            let authority = try ThrowawayCertificateAuthority()
            let path = caFile ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("duo-emulator-ca-\(port).pem")
            try authority.writeCACertificate(to: path)
            server = try .tls(.http1(), tlsConfiguration: authority.serverTLSConfiguration)
            transportNote = "HTTPS; trust only this CA file: \(path)  (for example DUO_CA_BUNDLE=\(path))"
        }
        let app = Application(router: router, server: server, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in
                                  FileHandle.standardOutput.write(Data("""
                                  Duo emulator listening on \(emulator.publicBaseURL)  (\(transportNote))
                                  Also reachable as \(http ? "http" : "https")://localhost:\(port) (clients may be given either name)
                                  Emulated phone:  \(emulator.publicBaseURL)/phone
                                  Test credentials (good only against this emulator):
                                    DUO_API_HOST=\(host)
                                    DUO_CLIENT_ID=\(configuration.clientID)
                                    DUO_CLIENT_SECRET=\(configuration.clientSecret)
                                    DUO_IKEY=\(configuration.integrationKey)
                                    DUO_SKEY=\(configuration.secretKey)

                                  """.utf8))
                              })
        try await app.runService()
    }
}
#else
import Foundation

/// Built without the `Emulator` package trait, which brings Hummingbird and SwiftNIO: say how to
/// build the real command.
@main
enum DuoEmulatorWithoutTrait {
    static func main() {
        FileHandle.standardError.write(Data("error: duo-emulator needs the package trait Emulator: build it with `swift build --traits Emulator` (make emulator does)\n".utf8))
        exit(64)
    }
}
#endif
