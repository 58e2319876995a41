public import Foundation

/// The source of wall-clock time for token lifetimes and TOTP steps.
///
/// Injected wherever time matters, so tests can pin it (``FixedWallClock``) and a deployment can
/// correct a skewed host clock.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}
    /// The current system time.
    public func now() -> Date { Date() }
}

/// A clock that always answers the same time, for tests and reproducible fixtures.
public struct FixedWallClock: WallClock {
    /// The time this clock answers.
    public let date: Date

    /// Creates a clock fixed at a date.
    ///
    /// - Parameter date: The time to answer.
    public init(_ date: Date) { self.date = date }

    /// Creates a clock fixed at a number of seconds since the Unix epoch.
    ///
    /// - Parameter secondsSince1970: Seconds since 1970-01-01T00:00:00Z.
    public init(secondsSince1970: TimeInterval) { self.date = Date(timeIntervalSince1970: secondsSince1970) }

    /// The fixed time.
    public func now() -> Date { date }
}
