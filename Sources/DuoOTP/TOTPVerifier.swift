import DuoCore
/// The outcome of checking a TOTP code.
public enum TOTPVerification: Sendable, Hashable {
    /// The code matched this time step; store it as the account's last accepted step.
    case accepted(step: UInt64)
    /// The code was refused.
    case rejected(OTPRejection)

    /// `true` for ``accepted(step:)``.
    public var isAccepted: Bool { if case .accepted = self { return true } else { return false } }
}

/// Checks TOTP codes with a drift window and replay protection.
///
/// Candidate steps are n, n−1, n+1, n−2, n+2, … n±window (n = the current step; steps below
/// zero are skipped); the first whose code equals the submitted one is the match. Codes are
/// compared in constant time, and every candidate is computed whatever matches. Limiting the
/// number of attempts per account (RFC 4226 §7.3) is the caller's job: a 6-digit code with a
/// window of 1 gives an attacker 3 chances in 10^6 per guess.
///
/// ```swift
/// let verifier = try TOTPVerifier(generator: totp, window: 1)
/// let result = try await verifier.verify(code, account: userID, at: now, replayGuard: guard)
/// ```
public struct TOTPVerifier: Sendable {
    /// The widest window accepted: 10 steps either way (5 minutes at 30 s). Wider windows make
    /// guessing easier; fix the clocks instead.
    public static let maximumWindow = 10

    /// The generator holding the key and parameters.
    public let generator: TOTPGenerator
    /// How many steps either side of the current one are accepted.
    public let window: Int

    /// Creates a verifier.
    ///
    /// - Parameters:
    ///   - generator: The account's generator.
    ///   - window: Steps accepted either side of the current one, 0...``maximumWindow``
    ///     (default 1, the usual choice).
    /// - Throws: ``OTPError/invalidWindow(_:maximum:)``.
    public init(generator: TOTPGenerator, window: Int = 1) throws(OTPError) {
        guard (0...Self.maximumWindow).contains(window) else { throw OTPError.invalidWindow(window, maximum: Self.maximumWindow) }
        self.generator = generator
        self.window = window
    }

    /// The candidate steps around `step`, in search order: n, n−1, n+1, …; negative and
    /// overflowing steps are skipped.
    public func candidateSteps(around step: UInt64) -> [UInt64] {
        var steps: [UInt64] = []
        steps.reserveCapacity(2 * window + 1)
        forEachCandidate(around: step) { steps.append($0) }
        return steps
    }

    /// Calls `body` with each candidate step in search order, without allocating.
    private func forEachCandidate(around step: UInt64, _ body: (UInt64) -> Void) {
        body(step)
        var distance: UInt64 = 1
        while distance <= UInt64(window) {
            if step >= distance { body(step - distance) }
            if step <= UInt64.max - distance { body(step + distance) }
            distance += 1
        }
    }

    /// Checks a code without replay protection beyond `lastAcceptedStep`.
    ///
    /// - Parameters:
    ///   - code: What the user typed.
    ///   - unixTime: The server's time, seconds since the epoch.
    ///   - lastAcceptedStep: The step of the last code accepted for this account, if any; a
    ///     match at or before it is a replay.
    /// - Returns: The matched step, or why the code was refused.
    public func verify(_ code: some StringProtocol, at unixTime: UInt64, lastAcceptedStep: UInt64? = nil) -> TOTPVerification {
        verify(code: String(code), at: unixTime, lastAcceptedStep: lastAcceptedStep)
    }

    private func verify(code: String, at unixTime: UInt64, lastAcceptedStep: UInt64?) -> TOTPVerification {
        guard OTPCodeFormat.isWellFormed(code, digits: generator.digits) else { return .rejected(.malformedCode) }
        var matched: UInt64?
        // Every candidate is computed and compared, so the time taken does not say which matched.
        forEachCandidate(around: generator.step(at: unixTime)) { candidate in
            if OTPCodeFormat.matches(code, expected: generator.code(step: candidate)), matched == nil {
                matched = candidate
            }
        }
        guard let step = matched else { return .rejected(.noMatch) }
        if let last = lastAcceptedStep, step <= last { return .rejected(.replayed(step: step)) }
        return .accepted(step: step)
    }

    /// Checks a code and, on a match, records the step atomically through a ``ReplayGuard``.
    ///
    /// - Parameters:
    ///   - code: What the user typed.
    ///   - account: A stable identifier of the account, the key of the replay store.
    ///   - unixTime: The server's time, seconds since the epoch.
    ///   - replayGuard: The store of last accepted steps.
    /// - Returns: The matched step, or why the code was refused.
    /// - Throws: What the replay guard throws (the code must then be treated as refused).
    public func verify(_ code: some StringProtocol, account: String, at unixTime: UInt64, replayGuard: some ReplayGuard) async throws -> TOTPVerification {
        let result = verify(code, at: unixTime)
        guard case .accepted(let step) = result else { return result }
        guard try await replayGuard.recordAcceptance(step: step, for: account) else { return .rejected(.replayed(step: step)) }
        return result
    }
}

extension TOTPVerifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `TOTPVerifier(generator: ..., window: 1)`; the generator shows no key material.
    public var description: String { SafeReflection.description("TOTPVerifier", ["generator": generator, "window": window]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The (redacted) generator and the window.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["generator": generator, "window": window]) }
}
