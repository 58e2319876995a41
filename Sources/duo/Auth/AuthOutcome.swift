import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation

/// The logic of the `duo auth` commands, apart from printing, so tests run it against FakeDuo
/// in-process. Returns ``UniversalOutcome`` (stdout, stderr line, exit status), printed by its
/// `report()`.
enum AuthOutcome {
    static func failure(_ error: DuoAuthError) -> UniversalOutcome {
        UniversalOutcome(stdout: nil, stderr: error.errorDescription ?? error.description, status: CLIExit.failure)
    }

    /// `duo auth ping` and `duo auth check`: exit 0 on `stat: OK`.
    static func ping(_ client: some DuoAuthenticating, signed: Bool) async -> UniversalOutcome {
        do {
            let time = signed ? try await client.check() : try await client.ping()
            return UniversalOutcome(stdout: "OK time=\(Int64(time.time.timeIntervalSince1970))", stderr: nil, status: CLIExit.success)
        } catch {
            return failure(error)
        }
    }

    /// `duo auth preauth`: Duo's `response` object on stdout, exit 0 whatever the result.
    static func preauth(_ client: some DuoAuthenticating, username: String) async -> UniversalOutcome {
        do {
            let answer = try await client.preauth(.username(username), options: DuoPreauthOptions())
            return UniversalOutcome(stdout: JSONValue.object(answer.raw).description, stderr: nil, status: CLIExit.success)
        } catch {
            return failure(error)
        }
    }

    /// The final answer of `push`/`passcode`: JSON on stdout; 0 allow, 2 valid non-allow.
    static func final(_ answer: DuoAuthResponse) -> UniversalOutcome {
        var object = answer.raw
        object["result"] = .string(answer.result.rawValue)
        object["status"] = .string(answer.status.rawValue)
        object["status_msg"] = .string(answer.statusMessage)
        if let txid = answer.txid { object["txid"] = .string(txid) }
        let json = JSONValue.object(object).description
        guard answer.isAllowed else {
            return UniversalOutcome(stdout: json, stderr: "not allowed: \(answer.status.rawValue): \(answer.statusMessage)", status: CLIExit.notAllowed)
        }
        return UniversalOutcome(stdout: json, stderr: nil, status: CLIExit.success)
    }

    /// `duo auth push`: synchronous, or `--async` with one progress line per `waiting` answer.
    static func push(_ client: DuoAuthClient, username: String, options: DuoPushOptions, async: Bool,
                     deadline: Duration, progress: (DuoAuthResponse) -> Void) async -> UniversalOutcome {
        guard async else {
            do {
                return final(try await client.auth(DuoAuthRequest(user: .username(username), factor: .push(options))))
            } catch {
                return failure(error)
            }
        }
        do {
            var last: DuoAuthResponse?
            for try await update in client.push(username: username, options: options, deadline: deadline) {
                if update.isFinal { last = update } else { progress(update) }
            }
            guard let last else { return failure(.malformedResponse("auth_status: no final answer")) }
            return final(last)
        } catch let error as DuoAuthError {
            return failure(error)
        } catch {
            return failure(.transport(.init(.connectionFailed)))
        }
    }

    /// `duo auth passcode`: synchronous passcode check.
    static func passcode(_ client: some DuoAuthenticating, username: String, passcode: String) async -> UniversalOutcome {
        do {
            return final(try await client.auth(DuoAuthRequest(user: .username(username), factor: .passcode(passcode))))
        } catch {
            return failure(error)
        }
    }
}
