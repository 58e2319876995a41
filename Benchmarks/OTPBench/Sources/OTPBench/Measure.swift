/// Timing as the `duo speed` contract describes it (shared/docs/cli.md, Part 4): warm up for
/// at least 10 ms and 1000 iterations, size batches to about S/20, then run whole batches until
/// S seconds of monotonic time have passed. Each iteration's result is folded into a checksum
/// so the optimizer cannot drop the work.
struct Measurement {
    let name: String
    let nanosecondsPerOperation: Double
    var operationsPerSecond: Double { 1e9 / nanosecondsPerOperation }
}

@MainActor
func measure(_ name: String, seconds: Double, _ operation: () -> UInt64) -> (Measurement, UInt64) {
    let clock = ContinuousClock()
    var checksum: UInt64 = 0
    // Warm-up, which also estimates the cost of one iteration.
    var warmIterations = 0
    let warmStart = clock.now
    while warmIterations < 1000 || clock.now - warmStart < .milliseconds(10) {
        checksum &+= operation()
        warmIterations += 1
    }
    let warmNanoseconds = nanoseconds(clock.now - warmStart)
    let perIteration = max(warmNanoseconds / Double(warmIterations), 1)
    let batch = max(1, Int(seconds * 1e9 / 20 / perIteration))
    var iterations = 0
    let start = clock.now
    let budget = Duration.nanoseconds(Int64(seconds * 1e9))
    repeat {
        for _ in 0..<batch { checksum &+= operation() }
        iterations += batch
    } while clock.now - start < budget
    let elapsed = nanoseconds(clock.now - start)
    return (Measurement(name: name, nanosecondsPerOperation: elapsed / Double(iterations)), checksum)
}

private func nanoseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
}
