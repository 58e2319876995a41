import DuoCore
/// The outcome of checking an HOTP code.
public enum HOTPVerification: Sendable, Hashable {
    /// The code matched this counter.
    case accepted(counter: UInt64)
    /// The code was refused.
    case rejected(OTPRejection)

    /// The counter to store after an acceptance: the matched counter + 1 (RFC 4226 §7.4), or
    /// `nil` when refused or when the matched counter is 2^64−1 and the token is exhausted.
    public var nextCounter: UInt64? {
        guard case .accepted(let counter) = self, counter < UInt64.max else { return nil }
        return counter + 1
    }

    /// `true` for ``accepted(counter:)``.
    public var isAccepted: Bool { if case .accepted = self { return true } else { return false } }
}

/// Checks HOTP codes with look-ahead resynchronisation (RFC 4226 §7.4).
///
/// The server's counter C is the next unused one; the token's may be ahead because buttons are
/// pressed without logging in. Counters C … C+lookAhead are tried in order, never backwards.
/// After an acceptance store ``HOTPVerification/nextCounter`` (atomically with the check, in a
/// multi-server deployment), which also makes every earlier code unusable. Throttling failed
/// attempts is the caller's job.
public struct HOTPVerifier: Sendable {
    /// The largest look-ahead accepted. For a larger resynchronisation ask the user for two
    /// consecutive codes.
    public static let maximumLookAhead = 100

    /// The generator holding the key and parameters.
    public let generator: HOTPGenerator
    /// How many counters past the stored one are tried.
    public let lookAhead: Int

    /// Creates a verifier.
    ///
    /// - Parameters:
    ///   - generator: The account's generator.
    ///   - lookAhead: Extra counters tried, 0...``maximumLookAhead`` (default 0).
    /// - Throws: ``OTPError/invalidLookAhead(_:maximum:)``.
    public init(generator: HOTPGenerator, lookAhead: Int = 0) throws(OTPError) {
        guard (0...Self.maximumLookAhead).contains(lookAhead) else { throw OTPError.invalidLookAhead(lookAhead, maximum: Self.maximumLookAhead) }
        self.generator = generator
        self.lookAhead = lookAhead
    }

    /// Checks a code against counters `counter` … `counter + lookAhead` (stopping at 2^64−1).
    ///
    /// - Parameters:
    ///   - code: What the user typed.
    ///   - counter: The stored counter (the next one expected).
    /// - Returns: The matched counter, or why the code was refused.
    public func verify(_ code: some StringProtocol, counter: UInt64) -> HOTPVerification {
        verify(code: String(code), counter: counter)
    }

    private func verify(code: String, counter: UInt64) -> HOTPVerification {
        guard OTPCodeFormat.isWellFormed(code, digits: generator.digits) else { return .rejected(.malformedCode) }
        let last = counter > UInt64.max - UInt64(lookAhead) ? UInt64.max : counter + UInt64(lookAhead)
        var candidate = counter
        while true {
            if OTPCodeFormat.matches(code, expected: generator.code(counter: candidate)) { return .accepted(counter: candidate) }
            if candidate == last { return .rejected(.noMatch) }
            candidate += 1
        }
    }
}

extension HOTPVerifier: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `HOTPVerifier(generator: ..., lookAhead: 0)`; the generator shows no key material.
    public var description: String { SafeReflection.description("HOTPVerifier", ["generator": generator, "lookAhead": lookAhead]) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The (redacted) generator and the look-ahead.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["generator": generator, "lookAhead": lookAhead]) }
}
