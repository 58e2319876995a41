import ArgumentParser
import DuoOTP

/// `duo otp verify`: checks a code; prints the matched TOTP step or HOTP counter.
struct OTPVerifyCommand: OTPOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a code: print the matching TOTP step (or HOTP counter), or fail.")

    @OptionGroup var key: OTPKeyOptions

    @Option(help: "The code to check.")
    var code: String

    @Option(help: "TOTP: steps accepted either side of the current one (0 to \(TOTPVerifier.maximumWindow)).")
    var window = PlainInteger(0)

    @Option(name: .customLong("last-step"), help: "TOTP: the last accepted step; a match at or before it is a replay.")
    var lastStep: PlainInteger?

    @Option(name: .customLong("look-ahead"), help: "HOTP: extra counters tried after --counter (0 to \(HOTPVerifier.maximumLookAhead)).")
    var lookAhead = PlainInteger(0)

    func validate() throws {
        guard window.value <= UInt64(TOTPVerifier.maximumWindow) else {
            throw ValidationError("--window must be at most \(TOTPVerifier.maximumWindow)")
        }
        guard lookAhead.value <= UInt64(HOTPVerifier.maximumLookAhead) else {
            throw ValidationError("--look-ahead must be at most \(HOTPVerifier.maximumLookAhead)")
        }
    }

    func output() throws(OTPCommandFailure) -> String {
        if key.hotp {
            let verifier: HOTPVerifier
            do { verifier = try HOTPVerifier(generator: try key.hotpGenerator(), lookAhead: Int(lookAhead.value)) } catch let error as OTPCommandFailure {
                throw error
            } catch {
                throw OTPCommandFailure(message: "\(error)")
            }
            switch verifier.verify(code, counter: key.counter?.value ?? 0) {
            case .accepted(let counter): return String(counter)
            case .rejected(let reason): throw OTPCommandFailure(message: "code rejected: \(reason)")
            }
        }
        let verifier: TOTPVerifier
        do { verifier = try TOTPVerifier(generator: try key.totpGenerator(), window: Int(window.value)) } catch let error as OTPCommandFailure {
            throw error
        } catch {
            throw OTPCommandFailure(message: "\(error)")
        }
        switch verifier.verify(code, at: try key.unixTime(), lastAcceptedStep: lastStep?.value) {
        case .accepted(let step): return String(step)
        case .rejected(let reason): throw OTPCommandFailure(message: "code rejected: \(reason)")
        }
    }
}
