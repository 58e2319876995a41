public import Foundation

/// Generates TOTP codes (RFC 6238): HOTP with the counter T = floor(unix time / period), T0 = 0.
///
/// Times are whole seconds since the Unix epoch as `UInt64`, so years past 2038 (and the RFC's
/// 20000000000 vector) work; fractions of a second are floored.
///
/// ```swift
/// let totp = try TOTPGenerator(secret: try OTPSecret(base32: "JBSWY3DPEHPK3PXP"))
/// let code = totp.code(at: 1_767_225_645)
/// ```
public struct TOTPGenerator: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The time step X in seconds (at least 1; 30 by default).
    public let period: UInt64
    /// The generator for the step counter.
    public let hotp: HOTPGenerator

    /// The HMAC hash.
    public var algorithm: OTPAlgorithm { hotp.algorithm }
    /// The code length, 6...8.
    public var digits: Int { hotp.digits }

    /// Prepares a generator.
    ///
    /// - Parameters:
    ///   - secret: The shared key (any non-empty length).
    ///   - algorithm: The HMAC hash (default SHA-1).
    ///   - digits: The code length, 6, 7 or 8 (default 6).
    ///   - period: The time step in seconds, at least 1 (default 30).
    /// - Throws: ``OTPError/invalidDigits(_:)`` or ``OTPError/invalidPeriod``.
    public init(secret: OTPSecret, algorithm: OTPAlgorithm = .sha1, digits: Int = 6, period: UInt64 = 30) throws(OTPError) {
        guard period >= 1 else { throw OTPError.invalidPeriod }
        self.period = period
        self.hotp = try HOTPGenerator(secret: secret, algorithm: algorithm, digits: digits)
    }

    /// The time step containing a time: floor(time / period).
    ///
    /// - Parameter unixTime: Seconds since 1970-01-01T00:00:00Z.
    public func step(at unixTime: UInt64) -> UInt64 { unixTime / period }

    /// The time step containing a date.
    ///
    /// - Throws: ``OTPError/timeBeforeEpoch`` for dates before 1970 (or not finite).
    public func step(at date: Date) throws(OTPError) -> UInt64 { step(at: try Self.unixSeconds(date)) }

    /// The code for a time step.
    public func code(step: UInt64) -> String { hotp.code(counter: step) }

    /// The code at a time given in seconds since the Unix epoch.
    public func code(at unixTime: UInt64) -> String { hotp.code(counter: step(at: unixTime)) }

    /// The code at a date.
    ///
    /// - Throws: ``OTPError/timeBeforeEpoch`` for dates before 1970 (or not finite).
    public func code(at date: Date) throws(OTPError) -> String { code(at: try Self.unixSeconds(date)) }

    /// Seconds until the code shown at `unixTime` changes: period − (time mod period).
    public func secondsRemaining(at unixTime: UInt64) -> UInt64 { period - unixTime % period }

    /// The Steam Guard code (5 characters) at a time: the same truncated value rendered in
    /// Steam's 26-symbol alphabet instead of decimal.
    public func steamCode(at unixTime: UInt64) -> String {
        SteamGuard.render(hotp.truncatedValue(counter: step(at: unixTime)))
    }

    /// Whole seconds since the epoch, floored; refuses times before it.
    static func unixSeconds(_ date: Date) throws(OTPError) -> UInt64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // 1.8e19 is the first Double above UInt64.max; times beyond it are refused as well.
        guard seconds.isFinite, seconds >= 0, seconds < 18_446_744_073_709_551_616.0 else { throw OTPError.timeBeforeEpoch }
        return UInt64(seconds)
    }

    /// `TOTPGenerator(SHA1, 6 digits, 30 s)`: the key is never shown.
    public var description: String { "TOTPGenerator(\(algorithm), \(digits) digits, \(period) s)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the key.
    public var customMirror: Mirror { Mirror(self, children: ["algorithm": algorithm, "digits": digits, "period": period]) }
}
