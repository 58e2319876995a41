/// Random strings from the operating system's CSPRNG, for `state`, `nonce` and `jti` values.
///
/// `SystemRandomNumberGenerator` reads the kernel's CSPRNG (`getrandom(2)` on Linux,
/// `arc4random_buf` on Apple platforms). Characters are drawn from `[A-Za-z0-9]` by rejection
/// sampling, so every character is equally likely (no modulo bias, no doubled digits as in
/// Duo's Go SDK, ASCII only unlike Duo's C# SDK).
public enum SecureRandom {
    /// The 62 characters generated values are made of.
    public static let alphanumerics: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The lengths accepted for a state value: Duo's OIDC endpoint takes 16 to 1024 characters.
    public static let stateLengthRange: ClosedRange<Int> = 16...1024

    /// The default length of generated state, nonce and `jti` values, as in every Duo SDK.
    public static let defaultLength = 36

    /// Generates a random alphanumeric string.
    ///
    /// - Parameter length: How many characters (at least 1).
    /// - Returns: `length` characters from ``alphanumerics``.
    /// - Throws: ``DuoError/invalidArgument`` when `length` is less than 1.
    public static func alphanumericString(length: Int) throws(DuoError) -> String {
        guard length >= 1 else {
            throw DuoError(.invalidArgument, reason: "a random string needs a length of at least 1, got \(length)")
        }
        return generate(length: length)
    }

    /// The generator proper; `length` has been checked to be at least 1.
    private static func generate(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String(unsafeUninitializedCapacity: length) { buffer in
            var filled = 0
            // 248 = 4 * 62: bytes at or above it are rejected so each symbol has probability 4/248.
            while filled < length {
                var word = generator.next()
                for _ in 0..<8 where filled < length {
                    let byte = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    if byte < 248 {
                        buffer[filled] = alphanumerics[Int(byte % 62)]
                        filled += 1
                    }
                }
            }
            return length
        }
    }

    /// Generates an OIDC `state` value to store in the user's session before redirecting to Duo.
    ///
    /// - Parameter length: How many characters, 16...1024 (default 36).
    /// - Returns: A random alphanumeric state.
    /// - Throws: ``DuoError/invalidArgument`` when `length` is outside 16...1024.
    public static func state(length: Int = defaultLength) throws(DuoError) -> String {
        guard stateLengthRange.contains(length) else {
            throw DuoError(.invalidArgument, reason: "state length must be between 16 and 1024 characters, got \(length)")
        }
        return generate(length: length)
    }

    /// Generates an OIDC `nonce` value (36 characters) to bind an id_token to one login.
    public static func nonce() -> String {
        generate(length: defaultLength)
    }

    /// Generates a JWT ID (`jti`, 36 characters) so Duo can refuse a replayed client assertion.
    public static func jwtID() -> String {
        generate(length: defaultLength)
    }
}
