import ArgumentParser
import DuoOTP
import Foundation

/// A number as the contract wants it: plain decimal ASCII digits, no sign, fraction or hex,
/// at most 2^64−1. Anything else is a usage error.
struct PlainInteger: ExpressibleByArgument, Sendable, Equatable {
    let value: UInt64

    init(_ value: UInt64) { self.value = value }

    init?(argument: String) {
        var value: UInt64 = 0
        guard !argument.isEmpty else { return nil }
        for byte in argument.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
        }
        self.value = value
    }

    var defaultValueDescription: String { String(value) }
}

/// `sha1`, `sha256` or `sha512`, case-insensitive.
struct AlgorithmArgument: ExpressibleByArgument, Sendable {
    let algorithm: OTPAlgorithm

    init(_ algorithm: OTPAlgorithm) { self.algorithm = algorithm }

    init?(argument: String) {
        guard let algorithm = OTPAlgorithm(name: argument) else { return nil }
        self.algorithm = algorithm
    }

    var defaultValueDescription: String { algorithm.rawValue.lowercased() }
    static var allValueStrings: [String] { ["sha1", "sha256", "sha512"] }
}

/// The options shared by `code` and `verify`: the key and the code parameters.
struct OTPKeyOptions: ParsableArguments {
    @Option(help: "The shared secret in Base32 (spaces, lower case and trailing '=' are tolerated).")
    var secret: String

    @Option(help: "The HMAC hash: sha1, sha256 or sha512.")
    var algorithm = AlgorithmArgument(.sha1)

    @Option(help: "The code length: 6, 7 or 8.")
    var digits = PlainInteger(6)

    @Option(help: "TOTP time step in seconds (at least 1).")
    var period = PlainInteger(30)

    @Option(help: "TOTP time in seconds since the Unix epoch (default: now).")
    var time: PlainInteger?

    @Flag(help: "HOTP instead of TOTP (needs --counter; --period and --time are ignored).")
    var hotp = false

    @Option(help: "HOTP counter, 0 to 2^64-1.")
    var counter: PlainInteger?

    func validate() throws {
        guard (6...8).contains(digits.value) else { throw ValidationError("--digits must be 6, 7 or 8") }
        if hotp {
            guard counter != nil else { throw ValidationError("--hotp requires --counter") }
        } else {
            guard period.value >= 1 else { throw ValidationError("--period must be at least 1") }
        }
    }

    /// The decoded key; a bad secret is a runtime error (it is data, not usage).
    func secretValue() throws(OTPCommandFailure) -> OTPSecret {
        do { return try OTPSecret(base32: secret) } catch { throw OTPCommandFailure(message: "--secret: \(error.description)") }
    }

    func hotpGenerator() throws(OTPCommandFailure) -> HOTPGenerator {
        let secret = try secretValue()
        do { return try HOTPGenerator(secret: secret, algorithm: algorithm.algorithm, digits: Int(digits.value)) } catch {
            throw OTPCommandFailure(message: error.description)
        }
    }

    func totpGenerator() throws(OTPCommandFailure) -> TOTPGenerator {
        let secret = try secretValue()
        do { return try TOTPGenerator(secret: secret, algorithm: algorithm.algorithm, digits: Int(digits.value), period: period.value) } catch {
            throw OTPCommandFailure(message: error.description)
        }
    }

    /// `--time`, or the current time in whole seconds.
    func unixTime() throws(OTPCommandFailure) -> UInt64 {
        if let time { return time.value }
        let now = Date().timeIntervalSince1970.rounded(.down)
        guard now >= 0 else { throw OTPCommandFailure(message: "the system clock is before 1970; pass --time") }
        return UInt64(now)
    }
}
