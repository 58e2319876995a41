import Foundation
import Testing
@testable import DuoTransport

/// A request that must not repeat is sent once. The `dropping` listener reads the first request
/// to each path whole and closes its connection without answering, as a Duo load balancer or a
/// crashing backend can; later requests to the path get 200. libcurl would re-send the request
/// on a new connection when the dropped one was a reused, kept-alive connection, and the caller
/// would see that second send's 200 as if nothing had happened.
@Suite(.timeLimit(.minutes(1)))
struct NonIdempotentRequestTests {
    private func transport(_ server: TestServer, adjusting adjust: (inout CurlSettings) -> Void = { _ in }) throws -> CurlTransport {
        try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: server.caPEM)), adjusting: adjust)
    }

    /// Opens a kept-alive connection with a ping and returns its server-side ID.
    private func ping(_ transport: CurlTransport, _ server: TestServer) async throws -> String {
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url("dropping", "/auth/v2/ping")))
        #expect(response.status == 404)
        return try #require(response.headers["X-Connection-ID"])
    }

    /// The connection IDs of every arrival of `METHOD path` at the dropping listener.
    private func arrivals(_ key: String, _ server: TestServer) async throws -> [String] {
        let transport = try transport(server)
        let stats = try await transport.send(HTTPRequest(method: .get, url: server.url("dropping", "/drop-stats")))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stats.body)) as? [String: [Int]])
        return (json[key] ?? []).map(String.init)
    }

    private func expectDroppedAfterSending(_ body: () async throws -> HTTPResponse) async {
        do {
            let response = try await body()
            Issue.record("expected droppedAfterSending, got HTTP \(response.status): the request was sent again")
        } catch let error as TransportError {
            #expect(error == .droppedAfterSending, "got \(error)")
        } catch {
            Issue.record("expected droppedAfterSending, got \(error)")
        }
    }

    @Test(arguments: ["/auth/v2/auth", "/oauth/v1/token", "/auth/v2/enroll"])
    func droppedPostIsSentOnceAndReportedAsPossiblyReceived(path: String) async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let pinged = try await ping(transport, server)
            await expectDroppedAfterSending {
                try await transport.send(HTTPRequest(method: .post, url: server.url("dropping", path),
                                                     headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                     body: Array("username=alice&factor=push&device=auto".utf8)))
            }
            let seen = try await arrivals("POST \(path)", server)
            #expect(seen.count == 1, "the server saw the POST \(seen.count) times")
            #expect(seen.first != pinged, "a request that must not repeat goes on a new connection")
            // The transport keeps working, and the ping's connection is still reused.
            #expect(try await ping(transport, server) == pinged)
        }
    }

    /// The second line of defence alone: with fresh connections turned off, the POST goes on the
    /// kept-alive connection, and libcurl's re-send after the drop is refused.
    @Test func resendGuardHoldsOnAReusedConnection() async throws {
        try await withTestServer { server in
            let transport = try transport(server) { $0.opensFreshConnectionsForNonIdempotentRequests = false }
            let pinged = try await ping(transport, server)
            await expectDroppedAfterSending {
                try await transport.send(HTTPRequest(method: .post, url: server.url("dropping", "/auth/v2/auth"),
                                                     body: Array("factor=push".utf8)))
            }
            #expect(try await arrivals("POST /auth/v2/auth", server) == [pinged], "sent once, on the reused connection")
        }
    }

    /// An idempotent request on a reused connection that drops is sent again on a new one, and
    /// the caller gets the answer: the retry libcurl makes is kept for requests that may repeat.
    @Test(arguments: [("GET", "/auth/v2/auth_status"), ("POST", "/auth/v2/preauth")])
    func droppedIdempotentRequestSucceedsOnTheRetry(method: String, path: String) async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let pinged = try await ping(transport, server)
            let body = method == "POST" ? Array("username=alice".utf8) : []
            let response = try await transport.send(HTTPRequest(method: .init(rawValue: method), url: server.url("dropping", path),
                                                                body: body, isIdempotent: true))
            #expect(response.status == 200)
            #expect(response.body == Array(#"{"stat":"OK","response":{}}"#.utf8))
            let seen = try await arrivals("\(method) \(path)", server)
            #expect(seen.count == 2)
            #expect(seen.first == pinged, "the first send used the kept-alive connection")
            #expect(seen.last != pinged, "the second send used a new connection")
        }
    }

    /// Duo answering normally: a request that must not repeat gets its answer, and the
    /// connection it opened is kept for the next requests.
    @Test func nonIdempotentRequestsStillGetAnswers() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let first = try await transport.send(HTTPRequest(method: .post, url: server.url("good", "/echo"), body: Array("a=1".utf8)))
            let second = try await transport.send(HTTPRequest(method: .post, url: server.url("good", "/echo"), body: Array("a=2".utf8)))
            let after = try await transport.send(HTTPRequest(method: .get, url: server.url("good", "/hello")))
            #expect([first.status, second.status, after.status] == [Int](repeating: 200, count: 3))
            #expect(first.headers["X-Connection-ID"] != second.headers["X-Connection-ID"], "each POST opens its own connection")
            #expect([first.headers["X-Connection-ID"], second.headers["X-Connection-ID"]].contains(after.headers["X-Connection-ID"]),
                    "a GET reuses a connection a POST opened")
        }
    }

    @Test func idempotencyDefaultsFollowTheMethod() throws {
        let url = try #require(URL(string: "https://api-1.duosecurity.com/x"))
        for method in ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"] {
            #expect(HTTPRequest(method: .init(rawValue: method), url: url).isIdempotent, "\(method)")
        }
        for method in ["POST", "PATCH", "CONNECT", "get", "PROPFIND"] {
            #expect(!HTTPRequest(method: .init(rawValue: method), url: url).isIdempotent, "\(method)")
        }
        #expect(HTTPRequest(method: .post, url: url, isIdempotent: true).isIdempotent)
        #expect(!HTTPRequest(method: .get, url: url, isIdempotent: false).isIdempotent)
    }

    @Test func theErrorTellsTheHelpDeskNotToRetryBlindly() {
        let error = TransportError(.droppedAfterSending, reason: "libcurl error 52: Empty reply from server")
        #expect(error.recoverySuggestion?.contains("Duo may have sent the push; ask the user before trying again") == true)
        #expect(error.errorDescription?.contains("Duo may have received it") == true)
        #expect(error.code.description == "droppedAfterSending")
        #expect(error != .connectionFailed)
    }
}
