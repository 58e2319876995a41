/// Times one operation the way shared/docs/cli.md, Part 4 says: a warm-up of at least 10 ms and
/// 1000 iterations, batches of about S/20, then whole batches until S seconds of monotonic time.
struct SpeedTimer: Sendable {
    /// Seconds spent timing each operation.
    let seconds: Double

    /// The figure for one operation.
    struct Result: Sendable {
        let iterations: Int
        let nanosecondsPerOperation: Double
        var operationsPerSecond: Double { 1e9 / nanosecondsPerOperation }
    }

    /// Runs `body` repeatedly; each call is one whole operation whose result is folded into
    /// `checksum` so the optimizer cannot remove the work.
    func measure(checksum: inout UInt64, _ body: () -> UInt64) -> Result {
        let clock = ContinuousClock()
        // Warm-up: at least 10 ms and at least 1000 iterations.
        var warmIterations = 0
        let warmStart = clock.now
        var warmElapsed = Duration.zero
        while warmIterations < 1000 || warmElapsed < .milliseconds(10) {
            checksum = checksum &* 31 &+ body()
            warmIterations += 1
            if warmIterations % 64 == 0 || warmIterations >= 1000 { warmElapsed = clock.now - warmStart }
        }
        let warmNanoseconds = max(1, Self.nanoseconds(warmElapsed))
        let perIteration = warmNanoseconds / Double(warmIterations)
        let batch = max(1, Int((seconds * 1e9 / 20) / perIteration))

        // Timed loop: whole batches until S seconds have passed.
        let budget = Duration.nanoseconds(Int64(seconds * 1e9))
        var iterations = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            for _ in 0..<batch { checksum = checksum &* 31 &+ body() }
            iterations += batch
            elapsed = clock.now - start
        } while elapsed < budget
        return Result(iterations: iterations, nanosecondsPerOperation: Self.nanoseconds(elapsed) / Double(iterations))
    }

    private static func nanoseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
    }
}
