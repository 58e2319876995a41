import DuoCore

/// Generates HOTP codes (RFC 4226): HMAC of an 8-byte big-endian counter, dynamically
/// truncated, reduced modulo 10^digits with integer arithmetic.
///
/// The key is prepared once in `init` (DuoCore's `MessageAuthenticator`, swift-crypto's
/// `HMAC`), so each code costs one HMAC over 8 bytes.
///
/// ```swift
/// let secret = try OTPSecret(base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
/// let hotp = try HOTPGenerator(secret: secret)
/// hotp.code(counter: 0)   // "755224"
/// ```
public struct HOTPGenerator: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The HMAC hash.
    public let algorithm: OTPAlgorithm
    /// The code length, 6...8.
    public let digits: Int
    private let mac: MessageAuthenticator

    /// Prepares a generator.
    ///
    /// - Parameters:
    ///   - secret: The shared key (any non-empty length; keys longer than the hash block are
    ///     hashed by HMAC as RFC 2104 says).
    ///   - algorithm: The HMAC hash (default SHA-1).
    ///   - digits: The code length, 6, 7 or 8 (default 6).
    /// - Throws: ``OTPError/invalidDigits(_:)``.
    public init(secret: OTPSecret, algorithm: OTPAlgorithm = .sha1, digits: Int = 6) throws(OTPError) {
        guard OTPCodeFormat.supportedDigits.contains(digits) else { throw OTPError.invalidDigits(digits) }
        self.algorithm = algorithm
        self.digits = digits
        self.mac = MessageAuthenticator(algorithm.hashAlgorithm, key: secret.bytes)
    }

    /// The 31-bit dynamically truncated HMAC value for a counter (before the decimal reduction).
    ///
    /// - Parameter counter: The moving factor, 0...2^64−1.
    public func truncatedValue(counter: UInt64) -> UInt32 {
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * $0)) }
        return Self.truncate(mac.authenticationCode(for: message))
    }

    /// Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte is an offset; the four
    /// bytes there, big-endian, with the top bit cleared. Every MAC here is at least 20 bytes, so
    /// offset + 3 ≤ 18 is inside it.
    private static func truncate(_ mac: [UInt8]) -> UInt32 {
        guard mac.count >= 20, let last = mac.last else { return 0 }
        let offset = Int(last & 0x0F)
        return UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
    }

    /// The code for a counter: exactly ``digits`` decimal digits, leading zeros kept.
    ///
    /// - Parameter counter: The moving factor, 0...2^64−1.
    public func code(counter: UInt64) -> String {
        OTPCodeFormat.render(truncatedValue(counter: counter), digits: digits)
    }

    /// Checks a submitted code for one counter, in constant time.
    ///
    /// - Parameters:
    ///   - code: What the user typed; anything but exactly ``digits`` ASCII digits is refused.
    ///   - counter: The counter to check against.
    /// - Returns: `true` when the code is the one for `counter`.
    public func isValid(_ code: some StringProtocol, counter: UInt64) -> Bool {
        let code = String(code)
        guard OTPCodeFormat.isWellFormed(code, digits: digits) else { return false }
        return OTPCodeFormat.matches(code, expected: self.code(counter: counter))
    }

    /// `HOTPGenerator(SHA1, 6 digits)`: the key is never shown.
    public var description: String { "HOTPGenerator(\(algorithm), \(digits) digits)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the key.
    public var customMirror: Mirror { Mirror(self, children: ["algorithm": algorithm, "digits": digits]) }
}
