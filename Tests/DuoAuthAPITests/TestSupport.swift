import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation

/// Duo's public documentation credentials (not real keys), as in the spec's vectors.
enum Doc {
    static let ikey = "DIWJ8X6AEYOR5OMC6TQ1"
    static let skey = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"
    static let host = "api-XXXXXXXX.duosecurity.com"
    static let date = "Tue, 21 Aug 2012 17:29:18 -0000"
    static let dateValue = Date(timeIntervalSince1970: 1_345_570_158)
}

func fixture(_ name: String) throws -> [String: JSONValue] {
    struct Missing: Error {}
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else { throw Missing() }
    return try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: url))
}

extension JSONValue {
    var arrayValue: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }
}

/// Parameters of a fixture: an object of string or string-array values, or a list of pairs.
func parameters(_ value: JSONValue?) -> DuoParameters {
    var parameters = DuoParameters()
    switch value {
    case .object(let members)?:
        for (name, member) in members {
            if let values = member.arrayValue {
                for item in values { parameters.append(name, item.stringValue ?? "") }
            } else {
                parameters.append(name, member.stringValue ?? "")
            }
        }
    case .array(let pairs)?:
        for pair in pairs {
            if let items = pair.arrayValue, items.count == 2 { parameters.append(items[0].stringValue ?? "", items[1].stringValue ?? "") }
        }
    default: break
    }
    return parameters
}

/// A retry timing whose clock only moves when someone sleeps: records every wait.
final class FakeRetryTiming: RetryTiming, @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed: Duration = .zero
    private var waits: [Duration] = []
    let jitter: Duration

    init(jitter: Duration = .zero) { self.jitter = jitter }

    var sleeps: [Duration] { lock.withLock { waits } }
    func now() -> Duration { lock.withLock { elapsed } }
    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock { waits.append(duration); elapsed += duration }
    }
    func jitter(upTo bound: Duration) -> Duration { min(jitter, bound) }
}
