import Dispatch

/// Runs async code to completion from libFuzzer's synchronous callback.
///
/// The callback runs on libFuzzer's own thread, not on a Swift concurrency thread, so blocking
/// it on a semaphore while a detached task runs on the cooperative pool cannot deadlock the pool.
/// A run that takes longer than `limit` is a hang: the process traps so the input is kept.
///
/// - Parameters:
///   - limit: The longest a single input may take.
///   - operation: The async work.
/// - Returns: What the operation returned.
public func runBlocking<T: Sendable>(limit: Duration = .seconds(10), _ operation: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        box.value = await operation()
        done.signal()
    }
    let (seconds, attoseconds) = limit.components
    let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    guard done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success, let value = box.value else {
        FileHandleStandardError.write("fuzz: the async operation did not finish within \(limit)\n")
        fuzzTrap()
    }
    return value
}

/// Carries the task's result to the waiting thread; the semaphore orders the write before the read.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T?
}
