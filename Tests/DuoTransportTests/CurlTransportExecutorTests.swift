import DuoCore
import Foundation
import Testing
@testable import DuoTransport

/// `CurlTransport.preferredTaskExecutor`: tasks that prefer the transfer thread run there, their requests
/// complete, cancellation still aborts, and the executor outlives its transport safely.
@Suite(.timeLimit(.minutes(1)))
struct CurlTransportExecutorTests {
    private func transport(_ server: TestServer) throws -> CurlTransport {
        try CurlTransport(configuration: TransportConfiguration(trust: .customRoots(pem: server.caPEM)))
    }


    @Test func sequentialRequestsRunOnTheTransferThreadOverOneConnection() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let url = server.url("good", "/hello")
            #expect(!transport.loop.isLoopThread)
            let (onLoopThread, connections, lastIndex) = try await withTaskExecutorPreference(transport.preferredTaskExecutor) {
                var onLoopThread = Set<Bool>()
                var connections = Set<String>()
                var lastIndex = 0
                for _ in 0..<20 {
                    let response = try await transport.send(HTTPRequest(method: .get, url: url))
                    #expect(response.status == 200)
                    #expect(response.body == Array("hello".utf8))
                    onLoopThread.insert(transport.loop.isLoopThread)
                    connections.insert(response.headers["X-Connection-ID"] ?? "?")
                    lastIndex = Int(response.headers["X-Request-Index"] ?? "") ?? 0
                }
                return (onLoopThread, connections, lastIndex)
            }
            // Every resumption ran on the curl loop thread, not on the cooperative pool.
            #expect(onLoopThread == [true])
            #expect(connections.count == 1)
            #expect(lastIndex == 20)
        }
    }

    @Test func concurrentTasksOnTheExecutorAllComplete() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let url = server.url("good", "/echo")
            let bodies = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<50 {
                    group.addTask(executorPreference: transport.preferredTaskExecutor) {
                        let response = try await transport.send(HTTPRequest(method: .post, url: url, body: Array("n=\(index)".utf8)))
                        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                        return (index, json?["body"] as? String)
                    }
                }
                var collected: [Int: String?] = [:]
                for try await (index, body) in group { collected[index] = body }
                return collected
            }
            #expect(bodies.count == 50)
            #expect(bodies.allSatisfy { $0.value == "n=\($0.key)" })
        }
    }

    @Test func cancellationStillAbortsOnTheExecutor() async throws {
        try await withTestServer { server in
            let transport = try transport(server)
            let url = server.url("good", "/stall?seconds=30")
            let task = Task(executorPreference: transport.preferredTaskExecutor) {
                try await transport.send(HTTPRequest(method: .get, url: url))
            }
            try await Task.sleep(for: .milliseconds(300))
            let cancelledAt = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(throws: TransportError.cancelled) { try result.get() }
            // Loose bound for a loaded CI machine; the server would answer after 30 s.
            #expect(ContinuousClock.now - cancelledAt < .seconds(15))
        }
    }

    @Test func workStillRunsAfterTheTransportIsReleased() async throws {
        var transport: CurlTransport? = try CurlTransport()
        let executor = try #require(transport?.preferredTaskExecutor)
        transport = nil
        // The loop thread stops on its own; give it a moment so the "already stopped" path runs
        // too, not only the "stopping" one.
        try await Task.sleep(for: .milliseconds(100))
        let value = await withTaskExecutorPreference(executor) {
            await Task.yield()
            return 42
        }
        #expect(value == 42)
        let detached = Task(executorPreference: executor) { () -> Int in
            await Task.yield()
            return 7
        }
        #expect(await detached.value == 7)
    }
}
