/// A self-check that failed: the operation computed something other than the expected answer,
/// so its timing would be worthless. Printed as `error: <operation>: <what differed>`.
struct SpeedCheckFailure: Error, Sendable, CustomStringConvertible {
    /// The operation's key, such as `totp_sha1`.
    let operation: String
    /// What differed (never a secret).
    let message: String

    var description: String { "\(operation): \(message)" }
}
