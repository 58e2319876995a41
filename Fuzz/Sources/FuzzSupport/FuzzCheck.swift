/// Fails the fuzz run when a property does not hold. libFuzzer treats the trap as a crash and
/// saves the input; the message goes to standard error first.
///
/// - Parameters:
///   - condition: The property.
///   - message: What broke (never a secret: the fuzz keys are fixed test keys).
public func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    FileHandleStandardError.write("fuzz property failed at \(file):\(line): \(message())\n")
    fuzzTrap()
}

/// Aborts the process so libFuzzer records the input as a crash.
public func fuzzTrap() -> Never {
    preconditionFailure("fuzz property failed")
}
