public import Foundation

/// Where an interactive push sent by ``FakeDuo`` stands.
public enum FakeDuoPushState: Sendable, Hashable {
    /// Waiting for the user to answer on the phone.
    case pending
    /// The user approved.
    case approved
    /// The user denied.
    case denied
    /// The user reported it as fraud.
    case fraud
    /// Nobody answered in time.
    case timedOut

    /// The prompt outcome the state leads to, or `nil` while pending.
    public var outcome: FakeDuoOutcome? {
        switch self {
        case .pending: nil
        case .approved: .allow
        case .denied: .deny
        case .fraud: .fraud
        case .timedOut: .timeout
        }
    }
}

/// A push notification waiting on an emulated phone (the Duo Mobile experience): who asked,
/// for which request, and since when.
public struct FakeDuoPromptPush: Sendable, Hashable, Identifiable {
    /// A random transaction identifier.
    public let id: String
    /// The prompt the push belongs to.
    public let request: FakeDuoAuthorizationRequest
    /// When it was sent (seconds since 1970 on ``FakeDuo/clock``).
    public let sentAt: TimeInterval
    /// Where it stands.
    public internal(set) var state: FakeDuoPushState
}
