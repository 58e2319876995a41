import Foundation
import Testing
@testable import DuoTransport

/// The cache must answer exactly what parsing answers, and never remember a rejected URL.
struct RequestTargetCacheTests {
    private func url(_ text: String) throws -> URL { try #require(URL(string: text)) }

    @Test func hitsEqualAFreshParse() throws {
        let cache = RequestTargetCache()
        for text in ["https://API-1.example.com/a?b=c", "http://127.0.0.1:8080/x", "https://[::1]:443/y"] {
            let first = try cache.target(for: url(text))
            let second = try cache.target(for: url(text))
            let fresh = try RequestTarget(url(text))
            for target in [first, second] {
                #expect(target.scheme == fresh.scheme)
                #expect(target.host == fresh.host)
                #expect(target.absoluteString == fresh.absoluteString)
                #expect(target.isLoopback == fresh.isLoopback)
            }
        }
    }

    @Test func rejectedURLsAreRejectedEveryTime() throws {
        let cache = RequestTargetCache()
        let bad = try url("https://user:pw@example.com/")
        for _ in 0..<3 {
            #expect(throws: TransportError.self) { try cache.target(for: bad) }
        }
    }

    @Test func manyURLsStayCorrectPastTheCapacity() throws {
        let cache = RequestTargetCache()
        for round in 0..<3 {
            for index in 0..<20 {
                let text = "https://host\(index).example.com/path/\(index)"
                let target = try cache.target(for: url(text))
                #expect(target.host == "host\(index).example.com", "round \(round)")
                #expect(target.absoluteString == text)
            }
        }
    }
}
