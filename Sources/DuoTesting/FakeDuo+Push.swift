public import Foundation
import DuoCore

/// Interactive pushes: a prompt sends a push, a person answers it on an emulated phone, and the
/// prompt completes with the answer. Scripted users (``FakeDuo/simulateBrowser(authorizationURL:)``)
/// do not need this; the emulator does.
extension FakeDuo {
    /// Sends a push for a validated request; it stays ``FakeDuoPushState/pending`` until answered
    /// or until ``pushLifetime`` passes.
    public func sendPush(for request: FakeDuoAuthorizationRequest) -> FakeDuoPromptPush {
        let push = FakeDuoPromptPush(id: SecureRandom.nonce(), request: request, sentAt: now, state: .pending)
        pushes[push.id] = push
        return push
    }

    /// The push with this identifier, with its state brought up to date (a pending push older
    /// than ``pushLifetime`` has timed out).
    public func push(id: String) -> FakeDuoPromptPush? {
        guard var push = pushes[id] else { return nil }
        if push.state == .pending, now - push.sentAt > pushLifetime {
            push.state = .timedOut
            pushes[id] = push
        }
        return push
    }

    /// The pushes still waiting for an answer, oldest first, optionally for one user only.
    public func pendingPushes(for username: String? = nil) -> [FakeDuoPromptPush] {
        pushes.keys.compactMap { push(id: $0) }
            .filter { $0.state == .pending && (username == nil || $0.request.username == username) }
            .sorted { $0.sentAt < $1.sentAt }
    }

    /// Answers a pending push (the phone's Approve / Deny buttons).
    ///
    /// - Returns: `false` when the push is unknown or no longer pending.
    @discardableResult
    public func answerPush(id: String, with answer: FakeDuoPushState) -> Bool {
        guard answer != .pending, var push = push(id: id), push.state == .pending else { return false }
        push.state = answer
        pushes[id] = push
        return true
    }

    /// Ends the prompt of an answered push: issues the code (or error) and forgets the push, so
    /// one push completes one sign-in.
    ///
    /// - Returns: The redirect URL, or `nil` while the push is pending or when it is unknown.
    public func completePush(id: String) throws(FakeDuoError) -> URL? {
        guard let push = push(id: id), let outcome = push.state.outcome else { return nil }
        pushes[id] = nil
        return try completeAuthorization(push.request, outcome: outcome, factor: "duo_push")
    }

    /// Sets how long a push waits for an answer before timing out.
    public func setPushLifetime(_ seconds: TimeInterval) { pushLifetime = seconds }
}
