/// Random strings from the operating system's CSPRNG, for `state`, `nonce` and `jti` values.
///
/// Bytes come from the kernel's CSPRNG through `SystemEntropy` (`getentropy(3)`, that is
/// `getrandom(2)` on Linux and the same source as `arc4random_buf` on Apple platforms). Characters are drawn from `[A-Za-z0-9]` by rejection
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
    ///
    /// Bytes come 48 at a time from the kernel through `SystemEntropy` (one `getentropy` call
    /// covers a 36-character value: about 37 bytes are needed on average after rejection).
    /// Bytes at or above 248 = 4 × 62 are rejected, so every symbol has probability 4/248.
    private static func generate(length: Int) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(length)
        while output.count < length {
            for byte in SystemEntropy.bytes(48) where output.count < length && byte < 248 {
                output.append(alphanumerics[Int(byte % 62)])
            }
        }
        return String(decoding: output, as: UTF8.self)
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
