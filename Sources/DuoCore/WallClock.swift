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

/// Whole Unix times Duo can mean: 1970 to the end of the year 9999. A reading outside is a broken
/// clock or a hostile answer, and converting it to an integer could overflow.
package let plausibleUnixSeconds: ClosedRange<Int64> = 0...253_402_300_799

extension WallClock {
    /// The time in whole seconds since 1970, or `nil` when the clock reads something no token can
    /// carry (not finite, before 1970 or after the year 9999): a broken clock, or an offset far
    /// too large, is refused instead of trapping in the conversion to an integer.
    package var unixSeconds: Int64? {
        let seconds = now().timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= 0, seconds <= Double(plausibleUnixSeconds.upperBound) else { return nil }
        return Int64(seconds)
    }
}
