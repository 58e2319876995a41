/// The fixed inputs of `duo speed` (shared/docs/cli.md, Part 4). The values live in
/// `SpeedInputs+BuiltIn.swift`, generated from `speed_inputs.json`; tests change single fields
/// to prove that every self-check catches a wrong answer.
struct SpeedInputs: Sendable {
    /// One TOTP operation's generator settings and expected code.
    struct TOTPCase: Sendable {
        var secretBase32: String
        var time: UInt64
        var expected: String
    }

    var clientID: String
    var clientSecret: String
    var apiHost: String
    var redirectURI: String
    var username: String
    var state: String
    var nonce: String
    var authorizeEndpoint: String
    var tokenEndpoint: String
    var requestAudience: String
    var jwtLifetime: Int
    var leeway: Int

    var idToken: String
    var expectedAuthResult: String
    var expectedStatusMessage: String
    var expectedFactor: String
    var expectedTransactionID: String
    var expectedUserKey: String

    var totpSHA1: TOTPCase
    var totpSHA512: TOTPCase

    var integrationKey: String
    var secretKey: String
    var signHost: String
    var signMethod: String
    var signPath: String
    var signDate: String
    var signParameters: [(String, String)]
    var expectedV5Body: String
    var expectedV5Canonical: String
    var expectedV5Authorization: String
    var expectedV2Canonical: String
    var expectedV2Authorization: String

    var base32Input: String
    var base32ExpectedHex: String

    var otpauthURI: String
    var otpauthIssuer: String
    var otpauthAccount: String
    var otpauthSecret: String
    var otpauthAlgorithm: String
    var otpauthDigits: Int
    var otpauthPeriod: UInt64
}
