import DuoCore
public import Foundation

/// The answer of `/auth/v2/ping` and `/auth/v2/check`: Duo's clock.
public struct DuoServerTime: Sendable, Hashable {
    /// Duo's time when it answered.
    public let time: Date

    /// Creates a value.
    public init(time: Date) { self.time = time }

    init(_ response: [String: JSONValue], endpoint: String) throws(DuoAuthError) {
        time = Date(timeIntervalSince1970: TimeInterval(try ResponseFields(object: response, endpoint: endpoint).integer("time")))
    }
}
