public import DuoCore

// Reading "now" through DuoCore's injected clock, so code that verifies at login time is
// testable with a `FixedWallClock`.

extension TOTPGenerator {
    /// The code at the clock's current time.
    ///
    /// - Parameter clock: The time source (`SystemWallClock()` in production).
    /// - Throws: ``OTPError/timeBeforeEpoch`` when the clock reads before 1970.
    public func code(now clock: some WallClock) throws(OTPError) -> String {
        try code(at: clock.now())
    }
}

extension TOTPVerifier {
    /// Checks a code at the clock's current time and records the matched step through a
    /// ``ReplayGuard``.
    ///
    /// - Parameters:
    ///   - code: What the user typed.
    ///   - account: A stable identifier of the account, the key of the replay store.
    ///   - clock: The time source (`SystemWallClock()` in production).
    ///   - replayGuard: The store of last accepted steps.
    /// - Returns: The matched step, or why the code was refused.
    /// - Throws: ``OTPError/timeBeforeEpoch`` when the clock reads before 1970, or what the
    ///   replay guard throws; either way the code must be treated as refused.
    public func verify(_ code: some StringProtocol, account: String, clock: some WallClock, replayGuard: some ReplayGuard) async throws -> TOTPVerification {
        let now = try TOTPGenerator.unixSeconds(clock.now())
        return try await verify(code, account: account, at: now, replayGuard: replayGuard)
    }
}
