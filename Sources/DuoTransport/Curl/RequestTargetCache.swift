import Foundation

/// The last few checked request targets, so that the clients' fixed endpoints are not parsed with
/// `URLComponents` again on every request.
///
/// ``RequestTarget`` depends on nothing but the URL, so a hit returns exactly what parsing would.
/// Only successes are kept; a bad URL is rejected afresh each time. Small and linear on purpose: a
/// client talks to a handful of endpoints of one host.
final class RequestTargetCache: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`; most recently used last.
    private var entries: [(url: URL, target: RequestTarget)] = []
    private static let capacity = 8

    /// The checked target of `url`, parsed on a miss.
    func target(for url: URL) throws(TransportError) -> RequestTarget {
        if let hit = lock.withLock({ entries.last { $0.url == url }?.target }) {
            return hit
        }
        let target = try RequestTarget(url)
        lock.withLock {
            entries.removeAll { $0.url == url }
            if entries.count >= Self.capacity { entries.removeFirst() }
            entries.append((url, target))
        }
        return target
    }
}
