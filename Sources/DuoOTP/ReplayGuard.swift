/// Remembers, per account, the last TOTP step whose code was accepted, so each code is
/// accepted once (RFC 6238 §5.2).
///
/// The check and the update must be one atomic compare-and-set: two logins racing with the same
/// code must not both succeed. ``InMemoryReplayGuard`` does this for one process. A deployment
/// with several servers implements this protocol over its shared database, for example:
///
/// ```sql
/// UPDATE otp_accounts SET last_step = $step
///  WHERE account = $account AND (last_step IS NULL OR last_step < $step)
/// -- accepted when exactly one row was updated
/// ```
public protocol ReplayGuard: Sendable {
    /// Records `step` as the last accepted step of `account` if it is later than the one stored.
    ///
    /// - Parameters:
    ///   - step: The step the submitted code matched.
    ///   - account: A stable identifier of the account (not the secret).
    /// - Returns: `true` when the step was recorded (accept the code); `false` when a code for
    ///   this step or a later one was already accepted (reject as a replay).
    /// - Throws: Whatever the store throws; a verifier then rejects (fails closed).
    func recordAcceptance(step: UInt64, for account: String) async throws -> Bool
}

/// A thread-safe, in-process ``ReplayGuard``. Memory grows with the number of accounts seen;
/// call ``forget(account:)`` when an account is removed.
public actor InMemoryReplayGuard: ReplayGuard {
    private var lastAcceptedSteps: [String: UInt64] = [:]

    /// Creates an empty guard.
    public init() {}

    /// Records `step` for `account` when it is later than the stored step.
    public func recordAcceptance(step: UInt64, for account: String) -> Bool {
        if let last = lastAcceptedSteps[account], step <= last { return false }
        lastAcceptedSteps[account] = step
        return true
    }

    /// The last accepted step of an account, if any.
    public func lastAcceptedStep(for account: String) -> UInt64? { lastAcceptedSteps[account] }

    /// Drops what is stored for an account.
    public func forget(account: String) { lastAcceptedSteps[account] = nil }
}
