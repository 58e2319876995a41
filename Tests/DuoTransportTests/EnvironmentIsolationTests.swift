import Foundation
import Testing
@testable import DuoTransport

/// Environment variables that libcurl (or OpenSSL under it) reads change nothing the transport
/// decides: each test runs `duo-transport-probe` in a fresh process with the variable set, since
/// some are read only once per process and setting them here would reach the other tests.
@Suite(.timeLimit(.minutes(1)))
struct EnvironmentIsolationTests {
    private func probe(_ server: TestServer, _ listener: String, _ path: String, _ options: [String] = [],
                       environment: [String: String]) throws -> String {
        try TransportProbe.run(["--url", server.url(listener, path).absoluteString, "--ca", server.info.ca] + options,
                               environment: environment)
    }

    /// The CONNECT targets the proxy named `proxy` has seen so far.
    private func proxyTargets(_ server: TestServer) async throws -> [String] {
        let transport = try CurlTransport(configuration: .init(trust: .customRoots(pem: server.caPEM)))
        let stats = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/proxy-stats")))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: [[String: Any]]])
        return (json["proxy"] ?? []).compactMap { $0["target"] as? String }
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("duo-env-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func noProxyDoesNotBypassTheConfiguredProxy() async throws {
        try await withTestServer { server in
            let proxy = "http://127.0.0.1:\(server.info.ports["proxy"] ?? 1)"
            let line = try probe(server, "good", "/hello", ["--proxy", proxy],
                                 environment: ["no_proxy": "127.0.0.1,localhost", "NO_PROXY": "*"])
            #expect(line == "status=200 body=hello")
            let targets = try await proxyTargets(server)
            #expect(targets == ["127.0.0.1:\(server.info.ports["good"] ?? 0)"],
                    "the request must go through the configured proxy, whatever no_proxy says")
        }
    }

    @Test func environmentProxiesAreIgnoredByDefault() async throws {
        try await withTestServer { server in
            let unreachable = "http://127.0.0.1:1"
            let environment = ["https_proxy": unreachable, "HTTPS_PROXY": unreachable, "http_proxy": unreachable,
                               "all_proxy": "socks5://127.0.0.1:1", "ALL_PROXY": unreachable]
            let direct = try probe(server, "good", "/hello", environment: environment)
            let plain = try probe(server, "plain", "/hello", ["--insecure-loopback-http"], environment: environment)
            #expect(direct == "status=200 body=hello")
            #expect(plain == "status=200 body=hello")
        }
    }

    /// With `usesEnvironmentProxy`, the environment's proxy and its no_proxy both apply.
    @Test func environmentProxiesApplyWhenAskedFor() async throws {
        try await withTestServer { server in
            let proxy = "http://127.0.0.1:\(server.info.ports["proxy"] ?? 1)"
            let proxied = try probe(server, "good", "/hello", ["--environment-proxy"], environment: ["https_proxy": proxy])
            #expect(proxied == "status=200 body=hello")
            let afterProxied = try await proxyTargets(server)
            #expect(afterProxied.count == 1)
            let bypassed = try probe(server, "good", "/hello", ["--environment-proxy"],
                                     environment: ["https_proxy": proxy, "no_proxy": "127.0.0.1"])
            #expect(bypassed == "status=200 body=hello")
            let afterBypassed = try await proxyTargets(server)
            #expect(afterBypassed.count == 1, "no_proxy applies when the environment's proxy is used")
        }
    }

    /// libcurl opens SSLKEYLOGFILE at start-up and, through OpenSSL, would write every session's
    /// secrets to it: anyone who can read the file could decrypt the traffic to Duo.
    @Test func tlsKeyLogFileIsNeverWritten() async throws {
        try await withTestServer { server in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let keyLog = directory.appendingPathComponent("keys.txt")
            let line = try probe(server, "good", "/hello", environment: ["SSLKEYLOGFILE": keyLog.path])
            #expect(line == "status=200 body=hello")
            let written = (try? Data(contentsOf: keyLog)) ?? Data()
            #expect(written.isEmpty, "\(written.count) bytes of TLS secrets were written to SSLKEYLOGFILE")
        }
    }

    @Test func netrcCredentialsAreNeverSent() async throws {
        try await withTestServer { server in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let netrc = "machine 127.0.0.1 login netrc-user password netrc-secret\ndefault login netrc-user password netrc-secret\n"
            for name in [".netrc", "_netrc"] {
                try Data(netrc.utf8).write(to: directory.appendingPathComponent(name))
            }
            let line = try probe(server, "good", "/echo",
                                 environment: ["HOME": directory.path, "CURL_HOME": directory.path,
                                               "NETRC": directory.appendingPathComponent(".netrc").path])
            #expect(line.hasPrefix("status=200 "))
            #expect(!line.lowercased().contains("authorization"), "\(line)")
        }
    }

    /// The curl tool reads CURL_CA_BUNDLE, and OpenSSL's default paths read SSL_CERT_FILE and
    /// SSL_CERT_DIR; none of them may add a root to the transport's trust.
    @Test(arguments: [[String](), ["--system-trust"]])
    func caEnvironmentVariablesAddNoTrust(trust: [String]) async throws {
        try await withTestServer { server in
            let caDirectory = URL(fileURLWithPath: server.info.ca).deletingLastPathComponent().path
            let environment = ["CURL_CA_BUNDLE": server.info.ca, "SSL_CERT_FILE": server.info.ca, "SSL_CERT_DIR": caDirectory]
            let line = try TransportProbe.run(["--url", server.url("good", "/hello").absoluteString] + trust, environment: environment)
            #expect(line == "error=untrustedCertificate")
        }
    }

    /// An OpenSSL configuration that allows TLS 1.0 and 1.1 (through OPENSSL_CONF, or a system
    /// policy) does not lower the transport's floor of TLS 1.2.
    @Test func tlsBelowOnePointTwoIsRefusedWhateverOpenSSLAllows() async throws {
        try await withTestServer { server in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let permissive = directory.appendingPathComponent("openssl.cnf")
            try Data("""
                openssl_conf = openssl_init
                [openssl_init]
                ssl_conf = ssl_sect
                [ssl_sect]
                system_default = system_default_sect
                [system_default_sect]
                MinProtocol = TLSv1
                CipherString = DEFAULT:@SECLEVEL=0

                """.utf8).write(to: permissive)
            let legacy = try probe(server, "tls11", "/hello", environment: ["OPENSSL_CONF": permissive.path])
            #expect(legacy == "error=tlsFailure")
            // The permissive configuration itself breaks nothing above the floor.
            let current = try probe(server, "good", "/hello", environment: ["OPENSSL_CONF": permissive.path])
            #expect(current == "status=200 body=hello")
        }
    }
}
