import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation

/// Shared values: Duo's Python SDK test configuration.
enum Py {
    static let clientID = "DIXXXXXXXXXXXXXXXXXX"
    static let secret = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
    static let host = "api-XXXXXXX.test.duosecurity.com"
    static let redirect = "https://www.example.com"
    static let state = "deadbeefdeadbeefdeadbeefdeadbeefdead"
    static let nonce = "abcdefghijklmnopqrstuvwxyzabcdef"
}

func makeConfiguration(
    clientID: String = Py.clientID, secret: String = Py.secret, host: String = Py.host,
    redirect: String = Py.redirect, clock: any WallClock = FixedWallClock(secondsSince1970: 1_700_000_000),
    useDuoCodeAttribute: Bool = true, usernameComparison: UsernameComparison = .exact
) throws -> DuoWebConfiguration {
    try DuoWebConfiguration(clientID: clientID, clientSecret: secret, apiHost: host, redirectURI: redirect,
                            useDuoCodeAttribute: useDuoCodeAttribute, usernameComparison: usernameComparison, clock: clock)
}

func jsonBytes(_ value: JSONValue) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? Array(encoder.encode(value))) ?? []
}

/// Signs claims with a secret (HS512), as Duo would.
func signToken(_ claims: [String: JSONValue], secret: String = Py.secret) -> String {
    JWTSigner(key: Array(secret.utf8)).sign(payloadJSON: jsonBytes(.object(claims)))
}

/// Claims of a valid id_token for the Python configuration at time `now`.
func validClaims(now: Int64, username: String = "user1", result: String = "allow", status: String = "allow") -> [String: JSONValue] {
    [
        "iss": .string("https://\(Py.host.lowercased())/oauth/v1/token"), "aud": .string(Py.clientID),
        "exp": .integer(now + 300), "iat": .integer(now), "preferred_username": .string(username),
        "auth_result": .object(["result": .string(result), "status": .string(status), "status_msg": .string("Login Successful")]),
    ]
}

/// Decodes a compact JWT's payload without verifying it.
func payload(of token: String) throws -> [String: JSONValue] {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    return try JSONDecoder().decode([String: JSONValue].self, from: Data(try Base64URL.decode(parts[1])))
}

func queryItems(_ url: URL) -> [String: String] {
    var items: [String: String] = [:]
    for item in URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? [] { items[item.name] = item.value ?? "" }
    return items
}

func fixtureURL(_ name: String) -> URL? {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
}
