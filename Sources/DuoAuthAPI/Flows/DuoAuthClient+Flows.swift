import DuoTransport

extension DuoAuthClient {
    /// Sends a push and follows it: starts an asynchronous `/auth`, then long-polls
    /// `/auth_status`, yielding every update (`pushed`, ...) and finishing after the final
    /// `allow` or `deny`.
    ///
    /// The stream throws ``DuoAuthError`` on failure and ``DuoAuthError/deadlineExceeded(_:)``
    /// when no final answer came within `deadline`. Stopping iteration (or cancelling the task)
    /// stops polling.
    ///
    /// ```swift
    /// for try await update in client.push(username: "alice", options: .init(type: "VPN login")) {
    ///     if update.isFinal { return update.isAllowed }
    ///     print(update.statusMessage)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - username: The Duo username.
    ///   - options: Device, type, display name and push info.
    ///   - ipAddress: The client's IP address, for Duo's policies.
    ///   - deadline: The longest the whole flow may take (default 120 s).
    ///   - pollPause: A pause between polls, in case a server answers `waiting` at once (at most 1 s).
    /// - Returns: The updates, ending with the final answer.
    public func push(
        username: String, options: DuoPushOptions = DuoPushOptions(), ipAddress: String? = nil,
        deadline: Duration = .seconds(120), pollPause: Duration = .milliseconds(250)
    ) -> AsyncThrowingStream<DuoAuthResponse, any Error> {
        let request = DuoAuthRequest(user: .username(username), factor: .push(options), ipAddress: ipAddress)
        return follow(request, deadline: deadline, pollPause: pollPause)
    }

    /// Starts any out-of-band authentication asynchronously and follows it to the final answer
    /// (see ``push(username:options:ipAddress:deadline:pollPause:)``).
    public func follow(_ request: DuoAuthRequest, deadline: Duration = .seconds(120),
                       pollPause: Duration = .milliseconds(250)) -> AsyncThrowingStream<DuoAuthResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream<DuoAuthResponse, any Error>.makeStream()
        let task = Task {
            do {
                try await withDeadline(deadline) {
                    let start = self.timing.now()
                    let txid = try await self.startAuth(request)
                    // Bounded: Duo long-polls (one answer per status change), so even a server that
                    // answers at once is stopped by the deadline and this count.
                    for _ in 0..<10_000 {
                        try Task.checkCancellation()
                        let update = try await self.authStatus(txid: txid)
                        continuation.yield(update)
                        if update.isFinal { return }
                        guard self.timing.now() - start < deadline else { throw DuoAuthError.deadlineExceeded(deadline) }
                        try await self.timing.sleep(for: min(pollPause, .seconds(1)))
                    }
                    throw DuoAuthError.deadlineExceeded(deadline)
                }
                continuation.finish()
            } catch is CancellationError {
                continuation.finish(throwing: DuoAuthError.transport(TransportError(.cancelled)))
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Checks a passcode (Duo Mobile, SMS, hardware token or bypass code) synchronously.
    ///
    /// - Returns: The final answer: ``DuoAuthResponse/isAllowed`` tells whether it was right.
    public func verifyPasscode(username: String, passcode: String, ipAddress: String? = nil) async throws(DuoAuthError) -> DuoAuthResponse {
        guard !passcode.isEmpty else { throw .invalidArgument("the passcode is empty") }
        return try await auth(DuoAuthRequest(user: .username(username), factor: .passcode(passcode), ipAddress: ipAddress))
    }

    /// Polls `/enroll_status` until the activation code is used (``DuoEnrollmentStatus/success``)
    /// or becomes invalid, or the deadline passes.
    ///
    /// - Parameters:
    ///   - enrollment: What ``enroll(username:validFor:)`` returned.
    ///   - interval: The pause between polls (default 5 s).
    ///   - deadline: The longest to wait (default 10 minutes).
    /// - Returns: The final status (`success`, `invalid`, or a value this SDK does not know).
    public func waitForActivation(_ enrollment: DuoEnrollment, interval: Duration = .seconds(5),
                                  deadline: Duration = .seconds(600)) async throws(DuoAuthError) -> DuoEnrollmentStatus {
        let start = timing.now()
        while true {
            let status = try await enrollStatus(userID: enrollment.userID, activationCode: enrollment.activationCode)
            guard status == .waiting else { return status }
            guard timing.now() - start + interval <= deadline else { throw .deadlineExceeded(deadline) }
            do { try await timing.sleep(for: interval) } catch { throw .transport(TransportError(.cancelled)) }
        }
    }
}

/// Runs `body`, cancelling it and throwing ``DuoAuthError/deadlineExceeded(_:)`` when it takes
/// longer than `limit` of real time.
func withDeadline(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask { try await body(); return true }
        group.addTask {
            try await Task.sleep(for: limit)
            return false
        }
        defer { group.cancelAll() }
        guard let finished = try await group.next(), finished else { throw DuoAuthError.deadlineExceeded(limit) }
    }
}
