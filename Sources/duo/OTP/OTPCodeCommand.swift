import ArgumentParser
import DuoOTP

/// `duo otp code`: prints a TOTP (or, with `--hotp`, HOTP) code.
struct OTPCodeCommand: OTPOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the TOTP code for a time, or the HOTP code for a counter.")

    @OptionGroup var key: OTPKeyOptions

    @Flag(help: "Print the 5-character Steam Guard code instead (TOTP only).")
    var steam = false

    func validate() throws {
        if steam && key.hotp { throw ValidationError("--steam is a TOTP format; it cannot be combined with --hotp") }
    }

    func output() throws(OTPCommandFailure) -> String {
        if key.hotp {
            return try key.hotpGenerator().code(counter: key.counter?.value ?? 0)
        }
        let totp = try key.totpGenerator()
        let time = try key.unixTime()
        return steam ? totp.steamCode(at: time) : totp.code(at: time)
    }
}
