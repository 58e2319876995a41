import Foundation
import Testing
@testable import DuoTransport

/// Checks made before any I/O: configuration, URL policy, User-Agent.
struct CurlTransportConfigurationTests {
    @Test func defaultUserAgentReportsPinning() throws {
        let transport = try CurlTransport()
        #expect(transport.userAgent.hasPrefix("swift-duo/\(DuoSDK.version) ("))
        #expect(transport.userAgent.contains("; Swift 6"))
        #expect(transport.userAgent.hasSuffix("ca_bundle/1.0 (ca_pinning=enabled)"))
    }

    @Test(arguments: [
        TransportConfiguration(trust: .customRoots(pem: [])),
        TransportConfiguration(trust: .customRoots(pem: Array("not a pem".utf8))),
        TransportConfiguration(trust: .customRootsFile(path: "/nonexistent/ca.pem")),
        TransportConfiguration(proxy: ProxyConfiguration(url: URL(fileURLWithPath: "/tmp/proxy"))),
        TransportConfiguration(userAgentSuffix: "app/1\r\nX-Injected: 1"),
        TransportConfiguration(maximumResponseBytes: 0),
    ])
    func unusableConfigurationIsRefused(configuration: TransportConfiguration) {
        #expect(throws: TransportError.invalidConfiguration) { try CurlTransport(configuration: configuration) }
    }

    @Test(arguments: [
        ("http://api-1234.duosecurity.com/x", TransportError.insecureURL),
        ("http://127.0.0.1:9/x", .insecureURL),
        ("ftp://127.0.0.1/x", .insecureURL),
        ("https://user:pw@api-1234.duosecurity.com/x", .malformedURL),
        ("https:///x", .malformedURL),
        ("/relative/path", .malformedURL),
    ])
    func refusedURLsFailBeforeAnyIO(url: String, expected: TransportError) async throws {
        let transport = try CurlTransport()
        let parsed = try #require(URL(string: url))
        await #expect(throws: expected) { try await transport.send(HTTPRequest(method: .get, url: parsed)) }
    }

    @Test func headerInjectionIsRefused() async throws {
        let transport = try CurlTransport()
        let url = try #require(URL(string: "https://127.0.0.1:1/x"))
        await #expect(throws: TransportError.invalidConfiguration) {
            try await transport.send(HTTPRequest(method: .get, url: url, headers: ["X-A": "1\r\nX-B: 2"]))
        }
        await #expect(throws: TransportError.invalidConfiguration) {
            try await transport.send(HTTPRequest(method: .init(rawValue: "GET /x"), url: url))
        }
    }

    @Test(arguments: ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"])
    func loopbackHostsAreRecognised(host: String) throws {
        let url = try #require(URL(string: "http://\(host):8080/x"))
        #expect(try RequestTarget(url).isLoopback)
    }

    @Test(arguments: ["127.0.0.1.example.com", "127.evil.example", "app.localhost", "api-1.duosecurity.com", "10.0.0.1", "128.0.0.1"])
    func otherHostsAreNotLoopback(host: String) throws {
        let url = try #require(URL(string: "http://\(host)/x"))
        #expect(try !RequestTarget(url).isLoopback)
    }

    @Test func proxyPasswordIsRedacted() throws {
        let proxy = ProxyConfiguration(url: try #require(URL(string: "http://proxy:3128")), username: "u", password: "hunter2")
        #expect(!proxy.description.contains("hunter2"))
        #expect(!String(reflecting: proxy).contains("hunter2"))
        #expect(!"\(TransportConfiguration(proxy: proxy))".contains("hunter2"))
    }
}
