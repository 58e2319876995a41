import DuoCore
import Foundation
import Testing
@testable import DuoTransport

/// CurlTransport against real local HTTPS servers (the Python helper), one server per test.
@Suite(.timeLimit(.minutes(1)))
struct CurlTransportTests {
    private func transport(_ server: TestServer, _ configure: (inout TransportConfiguration) -> Void = { _ in }) throws -> CurlTransport {
        var configuration = TransportConfiguration(trust: .customRoots(pem: server.caPEM))
        configure(&configuration)
        return try CurlTransport(configuration: configuration)
    }

    private func expectError(_ expected: TransportError, _ body: () async throws -> HTTPResponse) async {
        do {
            let response = try await body()
            Issue.record("expected \(expected), got HTTP \(response.status)")
        } catch let error as TransportError {
            #expect(error == expected, "got \(error)")
        } catch {
            Issue.record("expected \(expected), got \(error)")
        }
    }

    @Test func customRootsAcceptTheServerAndHeadersComeBack() async throws {
        try await withTestServer { server in
            let transport = try transport(server) { $0.userAgentSuffix = "tests/1.0" }
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            #expect(response.status == 200)
            #expect(response.body == Array("hello".utf8))
            #expect(response.headers["content-type"] == "text/plain")
            #expect(response.headers["X-Request-Index"] == "1")

            let echo = try await transport.send(HTTPRequest(
                method: .post, url: server.url("good", "/echo"),
                headers: ["Content-Type": "application/x-www-form-urlencoded", "X-Empty": ""],
                body: Array("a=1&b=2".utf8)))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(echo.body)) as? [String: Any])
            #expect(json["method"] as? String == "POST")
            #expect(json["body"] as? String == "a=1&b=2")
            let headers = try #require(json["headers"] as? [String: String])
            #expect(headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(headers["x-empty"] == "")
            #expect(headers["expect"] == nil)
            let agent = try #require(headers["user-agent"])
            #expect(agent.hasPrefix("swift-duo/\(DuoSDK.version) ("))
            #expect(agent.hasSuffix("ca_bundle/1.0 (ca_pinning=disabled) tests/1.0"))
        }
    }

    @Test(arguments: ["PUT", "DELETE", "PATCH"])
    func otherMethodsAreSent(method: String) async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            for body in [[UInt8](), Array("x=1".utf8)] {
                let response = try await transport.send(HTTPRequest(method: .init(rawValue: method), url: server.url("good", "/echo"), body: body))
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
                #expect(json["method"] as? String == method)
                #expect(json["body"] as? String == String(decoding: body, as: UTF8.self))
            }
        }
    }

    /// Easy handles are reused with their transport-wide options kept, so every request must set
    /// its whole method state: nothing of a POST's body, a HEAD's "no body" or a custom method
    /// may leak into the next request on the same handle.
    @Test func methodStateNeverLeaksIntoTheNextRequest() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let sequence: [(String, String)] = [
                ("POST", "a=1"), ("GET", ""), ("HEAD", ""), ("GET", ""), ("PUT", ""), ("GET", ""),
                ("DELETE", "d=4"), ("POST", ""), ("HEAD", ""), ("POST", "b=2"), ("PATCH", ""), ("GET", ""),
            ]
            for (method, body) in sequence {
                let response = try await transport.send(HTTPRequest(method: .init(rawValue: method), url: server.url("good", "/echo"), body: Array(body.utf8)))
                #expect(response.status == 200)
                if method == "HEAD" {
                    #expect(response.body.isEmpty, "HEAD must not read a body")
                    continue
                }
                let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
                #expect(json["method"] as? String == method, "sent \(method)")
                #expect(json["body"] as? String == body, "\(method) body")
                let headers = try #require(json["headers"] as? [String: String])
                if method == "GET" {
                    #expect(headers["content-length"] == nil, "a GET after a POST carries no body")
                }
            }
        }
    }

    @Test func duoPinnedBundleRejectsTheTestServer() async throws {
        try await withTestServer { server in
            let transport = try CurlTransport()
            await expectError(.untrustedCertificate) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            }
        }
    }

    @Test(arguments: [
        ("wronghost", TransportError.hostnameMismatch),
        ("expired", TransportError.certificateExpired),
        ("unrelated", TransportError.untrustedCertificate),
    ])
    func badCertificatesAreRejectedWithTheRightError(listener: String, expected: TransportError) async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            await expectError(expected) {
                try await transport.send(HTTPRequest(method: .get, url: server.url(listener, "/hello")))
            }
        }
    }

    @Test func systemTrustStillVerifies() async throws {
        try await withTestServer { server in
            let transport = try CurlTransport(configuration: .init(trust: .system))
            #expect(transport.userAgent.contains("ca_pinning=disabled"))
            await expectError(.untrustedCertificate) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            }
        }
    }

    @Test func customRootsFileIsRead() async throws {
        try await withTestServer { server in
            let transport = try CurlTransport(configuration: .init(trust: .customRootsFile(path: server.info.ca)))
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            #expect(response.status == 200)
        }
    }

    @Test func stalledServerHitsTheTotalTimeout() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let started = ContinuousClock.now
            await expectError(.timedOut) {
                try await transport.send(HTTPRequest(
                    method: .get, url: server.url("good", "/stall?seconds=30"),
                    timeout: HTTPTimeout(connect: .seconds(5), total: .milliseconds(500))))
            }
            // The server answers after 30 s; giving up long before proves the limit fired. The bound
            // is loose because parallel tests that block threads on subprocesses can delay this
            // task's resumption on a loaded 2-core machine; the benchmark measures the real figure.
            #expect(ContinuousClock.now - started < .seconds(20))
        }
    }

    @Test func cancellationAbortsTheTransfer() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let task = Task {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/stall?seconds=30")))
            }
            try await Task.sleep(for: .milliseconds(300))
            let cancelledAt = ContinuousClock.now
            task.cancel()
            let result = await task.result
            let elapsed = ContinuousClock.now - cancelledAt
            #expect(throws: TransportError.cancelled) { try result.get() }
            // Generous bound for a loaded CI machine (the server would answer after 30 s); the
            // benchmark script measures the real figure.
            #expect(elapsed < .seconds(15))
            // The transport still works afterwards.
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            #expect(response.status == 200)
        }
    }

    @Test func alreadyCancelledTaskSendsNothing() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            }
            await #expect(throws: TransportError.cancelled) { try await task.value }
        }
    }

    @Test func responseSizeCapApplies() async throws {
        try await withTestServer { server in
            let transport = try transport(server) { $0.maximumResponseBytes = 1000 }
            let fits = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/bytes/1000")))
            #expect(fits.body.count == 1000)
            await expectError(.responseTooLarge) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/bytes/1001")))
            }
            await expectError(.responseTooLarge) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/chunked/50000")))
            }
            let defaultTransport = try self.transport(server)
            await expectError(.responseTooLarge) {
                try await defaultTransport.send(HTTPRequest(method: .get, url: server.url("good", "/bytes/\((1 << 20) + 1)")))
            }
        }
    }

    /// libcurl takes header lines of up to 100 KiB each, and before 8.3 no bound on the section:
    /// a hostile server could grow the headers without end. 64 KiB is many times Duo's.
    @Test func responseHeaderSectionIsBounded() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let fits = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/headers/60000")))
            #expect(fits.status == 200)
            #expect(fits.headers["X-Filler-00599"]?.count == 84)
            for path in ["/headers/70000", "/headers/2000000", "/header-line/70000"] {
                do {
                    let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", path)))
                    Issue.record("\(path): expected responseTooLarge, got HTTP \(response.status)")
                } catch let error as TransportError {
                    #expect(error == .responseTooLarge, "\(path): got \(error)")
                    #expect(error.reason?.contains("header section") == true, "\(path): \(error)")
                }
            }
            // The transport keeps working.
            #expect(try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello"))).status == 200)
        }
    }

    @Test func tlsBelowOnePointTwoIsRefused() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            await expectError(.tlsFailure) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("tls11", "/hello")))
            }
        }
    }

    @Test func redirectIsReturnedNotFollowed() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/redirect")))
            #expect(response.status == 302)
            #expect(response.headers["Location"] == "/hello")
            #expect(response.body == Array("moved".utf8))
        }
    }

    @Test func errorStatusesAreResponses() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            for status in [400, 401, 404, 500, 503] {
                let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/status/\(status)")))
                #expect(response.status == status)
            }
        }
    }

    @Test func connectionIsReused() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            var connections = Set<String>()
            var lastIndex = 0
            for _ in 0..<25 {
                let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
                connections.insert(response.headers["X-Connection-ID"] ?? "?")
                lastIndex = Int(response.headers["X-Request-Index"] ?? "") ?? 0
            }
            #expect(connections.count == 1)
            #expect(lastIndex == 25)
        }
    }

    @Test func twoHundredConcurrentRequestsComplete() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let response = try await transport.send(HTTPRequest(
                            method: .post, url: server.url("good", "/echo"), body: Array("n=\(index)".utf8)))
                        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                        #expect(json?["body"] as? String == "n=\(index)")
                        return (index, response.status)
                    }
                }
                var collected: [Int: Int] = [:]
                for try await (index, status) in group { collected[index] = status }
                return collected
            }
            #expect(statuses.count == 200)
            #expect(statuses.values.allSatisfy { $0 == 200 })
        }
    }

    @Test func connectProxyIsUsed() async throws {
        try await withTestServer { server in
            let proxyURL = try #require(URL(string: "http://127.0.0.1:\(server.info.ports["authproxy"] ?? 1)"))
            let transport = try transport(server) {
                $0.proxy = ProxyConfiguration(url: proxyURL, username: "duo", password: "s3cret-proxy")
            }
            let response = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            #expect(response.status == 200)
            #expect(response.body == Array("hello".utf8))

            let noCredentials = try self.transport(server) { $0.proxy = ProxyConfiguration(url: proxyURL) }
            await expectError(.proxyFailure) {
                try await noCredentials.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            }

            let stats = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/proxy-stats")))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: [[String: Any]]])
            let seen = try #require(json["authproxy"])
            #expect(seen.first?["method"] as? String == "CONNECT")
            #expect(seen.first?["target"] as? String == "127.0.0.1:\(server.info.ports["good"] ?? 0)")
            #expect(seen.first?["authenticated"] as? Bool == true)
            #expect(seen.count == 2)  // the stats call itself reused the tunnel
        }
    }

    @Test func rateLimitedRequestIsRetried() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let policy = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(10), maxJitter: .zero, deadline: .seconds(30))
            let response = try await transport.send(HTTPRequest(
                method: .get, url: server.url("good", "/ratelimit/2/a"), retryPolicy: policy))
            #expect(response.status == 200)
            #expect(response.body == Array("ok after 3".utf8))
            await expectError(.rateLimited) {
                try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/ratelimit/10/b"), retryPolicy: policy))
            }
            let unretried = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/ratelimit/1/c")))
            #expect(unretried.status == 429)
        }
    }

    @Test func plainHTTPOnlyToLoopbackWhenAllowed() async throws {
        try await withTestServer { server in
            let strict = try transport(server)
            await expectError(.insecureURL) {
                try await strict.send(HTTPRequest(method: .get, url: server.url("plain", "/hello")))
            }
            let relaxed = try transport(server) { $0.allowsInsecureLoopbackHTTP = true }
            let response = try await relaxed.send(HTTPRequest(method: .get, url: server.url("plain", "/hello")))
            #expect(response.status == 200)
            let remote = try #require(URL(string: "http://api-example.duosecurity.com/hello"))
            await expectError(.insecureURL) {
                try await relaxed.send(HTTPRequest(method: .get, url: remote))
            }
        }
    }

    @Test func nothingListeningIsCouldNotConnect() async throws {
        let transport = try CurlTransport()
        let url = try #require(URL(string: "https://127.0.0.1:1/hello"))
        await expectError(.couldNotConnect) {
            try await transport.send(HTTPRequest(method: .get, url: url))
        }
    }
}
