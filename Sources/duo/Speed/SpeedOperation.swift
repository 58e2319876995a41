/// One timed operation of `duo speed`: its JSON key and one whole iteration of it.
///
/// `run` returns a small number derived from the iteration's result; the timer folds it into a
/// checksum, so the work cannot be optimised away.
struct SpeedOperation: Sendable {
    /// The JSON key: one of the nine operations, or a `ref.*` floor.
    let name: String
    /// One whole iteration.
    let run: @Sendable () -> UInt64
}

extension String {
    /// A cheap fold of a result string for the checksum.
    var speedFold: UInt64 { UInt64(utf8.count) &+ UInt64(utf8.last ?? 0) }
}
