public import DuoCore
public import Foundation

/// A wall clock shifted by a fixed offset: sign requests with Duo's time on a host whose own
/// clock is wrong (Duo refuses requests whose `Date` is far off), as duo_unix does.
///
/// ```swift
/// let offset = try await probe.measureClockOffset()
/// let client = DuoAuthClient(configuration: configuration, transport: transport,
///                            clock: OffsetWallClock(offset: offset))
/// ```
public struct OffsetWallClock: WallClock {
    /// The clock being corrected.
    public let base: any WallClock
    /// Seconds added to the base clock's time.
    public let offset: TimeInterval

    /// Creates a corrected clock.
    ///
    /// - Parameters:
    ///   - base: The clock to correct (default the system clock).
    ///   - offset: Seconds to add (Duo's time minus local time).
    public init(base: any WallClock = SystemWallClock(), offset: TimeInterval) {
        self.base = base
        self.offset = offset
    }

    /// The base time plus the offset.
    public func now() -> Date { base.now().addingTimeInterval(offset) }
}

extension DuoAuthClient {
    /// The largest clock offset ``measureClockOffset()`` reports: one day. A server clock that is
    /// further off needs fixing (NTP), not correcting, and an unsigned `/ping` answer that claims
    /// a time years away is not to be believed.
    public static let maximumClockOffset: Duration = .seconds(86_400)

    /// Measures Duo's time minus this client's clock with an unsigned `/ping` (whole seconds, so
    /// about ±1 s), for ``OffsetWallClock``.
    ///
    /// - Returns: The offset in seconds to add to local time, at most
    ///   ``maximumClockOffset`` either way.
    /// - Throws: ``DuoAuthError/malformedResponse(_:)`` when Duo's time is more than
    ///   ``maximumClockOffset`` away from this client's clock, or any error of ``ping()``.
    public func measureClockOffset() async throws(DuoAuthError) -> TimeInterval {
        let before = clock.now()
        let server = try await ping()
        let after = clock.now()
        let midpoint = before.addingTimeInterval(after.timeIntervalSince(before) / 2)
        let offset = server.time.timeIntervalSince(midpoint).rounded()
        let limit = TimeInterval(Self.maximumClockOffset.components.seconds)
        guard offset.isFinite, abs(offset) <= limit else {
            throw .malformedResponse("the time in Duo's /ping answer is more than a day away from this server's clock; fix this server's clock (NTP) and check that the API hostname is Duo's")
        }
        return offset
    }
}
