import DuoCore
public import Foundation

/// The answer of `/auth/v2/ping` and `/auth/v2/check`: Duo's clock.
public struct DuoServerTime: Sendable, Hashable {
    /// Duo's time when it answered.
    public let time: Date

    /// Creates a value.
    public init(time: Date) { self.time = time }

    init(_ response: [String: JSONValue], endpoint: String) throws(DuoAuthError) {
        let seconds = try ResponseFields(object: response, endpoint: endpoint).integer("time")
        guard plausibleUnixSeconds.contains(seconds) else {
            throw .malformedResponse("\(endpoint): the response's 'time' is not a Unix time between 1970 and 9999")
        }
        time = Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
