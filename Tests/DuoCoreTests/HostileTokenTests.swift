import Crypto
import DuoCore
import Foundation
import Testing

/// Tokens an attacker would send. Each row has exactly one defect and expects one specific error.
struct HostileTokenTests {
    static let secretText = "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"
    static let now: Int64 = 1_700_000_000
    static let goodClaims = #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","sub":"user1"}"#

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let token: String
        let expected: DuoError
        var testDescription: String { name }
    }

    static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// header.payload signed with HMAC-SHA512 under `key` (the right secret unless told otherwise).
    static func token(header: String = #"{"alg":"HS512","typ":"JWT"}"#, payload: String = goodClaims, key: String = secretText) -> String {
        let signingInput = b64(header) + "." + b64(payload)
        let mac = MessageAuthenticator(.sha512, key: Array(key.utf8)).authenticationCode(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(mac)
    }

    /// A token over raw payload bytes (for payloads that are not valid UTF-8).
    static func signedBytes(payload: [UInt8]) -> String {
        let signingInput = b64(#"{"alg":"HS512","typ":"JWT"}"#) + "." + Base64URL.encode(payload)
        let mac = MessageAuthenticator(.sha512, key: Array(secretText.utf8)).authenticationCode(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(mac)
    }

    static func hs256(header: String, payload: String = goodClaims) -> String {
        let signingInput = b64(header) + "." + b64(payload)
        let mac = MessageAuthenticator(.sha256, key: Array(secretText.utf8)).authenticationCode(for: Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(mac)
    }

    static func replacingLastCharacter(of token: String, with character: Character) -> String {
        String(token.dropLast()) + String(character)
    }

    static let valid = token()

    static let cases: [Case] = {
        let signingInput = b64(#"{"alg":"HS512","typ":"JWT"}"#) + "." + b64(goodClaims)
        let signature = String(valid.split(separator: ".")[2])
        // 64 signature bytes = 86 characters; the last one carries 2 bits, so its 4 low bits are unused.
        let last = signature.last ?? "A"
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let lastIndex = alphabet.firstIndex(of: last) ?? 0
        let unusedBitsFlipped = alphabet[lastIndex ^ 0x01]       // same 2 data bits, non-zero unused bits
        let dataBitsFlipped = alphabet[lastIndex ^ 0x10]         // a changed data bit, canonical
        return [
            Case(name: "alg none", token: b64(#"{"alg":"none","typ":"JWT"}"#) + "." + b64(goodClaims) + ".", expected: .unsupportedAlgorithm),
            Case(name: "alg None", token: b64(#"{"alg":"None"}"#) + "." + b64(goodClaims) + ".", expected: .unsupportedAlgorithm),
            Case(name: "alg NONE", token: b64(#"{"alg":"NONE"}"#) + "." + b64(goodClaims) + ".", expected: .unsupportedAlgorithm),
            Case(name: "alg none with a valid HS512 MAC", token: token(header: #"{"alg":"none","typ":"JWT"}"#), expected: .unsupportedAlgorithm),
            Case(name: "alg HS256 (correctly signed with HS256)", token: hs256(header: #"{"alg":"HS256","typ":"JWT"}"#), expected: .unsupportedAlgorithm),
            Case(name: "alg RS256", token: token(header: #"{"alg":"RS256","typ":"JWT"}"#), expected: .unsupportedAlgorithm),
            Case(name: "alg hs512 (wrong case)", token: token(header: #"{"alg":"hs512","typ":"JWT"}"#), expected: .unsupportedAlgorithm),
            Case(name: "alg missing", token: token(header: #"{"typ":"JWT"}"#), expected: .unsupportedAlgorithm),
            Case(name: "alg not a string", token: token(header: #"{"alg":512}"#), expected: .malformedHeader),
            Case(name: "header not JSON", token: token(header: "not json"), expected: .malformedHeader),
            Case(name: "header a JSON array", token: token(header: #"["HS512"]"#), expected: .malformedHeader),
            Case(name: "typ JOSE+JSON", token: token(header: #"{"alg":"HS512","typ":"JOSE+JSON"}"#), expected: .malformedHeader),
            Case(name: "crit extension", token: token(header: #"{"alg":"HS512","crit":["exp"]}"#), expected: .malformedHeader),
            Case(name: "two segments", token: signingInput, expected: .malformedToken),
            Case(name: "four segments", token: valid + "." + signature, expected: .malformedToken),
            Case(name: "one segment", token: b64(goodClaims), expected: .malformedToken),
            Case(name: "empty token", token: "", expected: .malformedToken),
            Case(name: "empty signature", token: signingInput + ".", expected: .invalidSignature),
            Case(name: "signature made with another key", token: token(key: "wrongclientidwrongclientidwrongclientidw"), expected: .invalidSignature),
            Case(name: "padded signature", token: valid + "==", expected: .malformedToken),
            Case(name: "standard-alphabet signature", token: signingInput + "." + signature.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + (signature.contains("-") || signature.contains("_") ? "" : "+A"), expected: .malformedToken),
            Case(name: "non-alphabet character in signature", token: signingInput + ".*" + signature.dropFirst(), expected: .malformedToken),
            // The MAC covers the payload's ASCII, so a damaged payload fails the MAC before it is decoded.
            Case(name: "non-alphabet character in payload", token: b64(#"{"alg":"HS512","typ":"JWT"}"#) + ".e*30." + signature, expected: .invalidSignature),
            Case(name: "tampered last signature character (unused bits only)", token: replacingLastCharacter(of: valid, with: unusedBitsFlipped), expected: .malformedToken),
            Case(name: "tampered last signature character (data bits)", token: replacingLastCharacter(of: valid, with: dataBitsFlipped), expected: .invalidSignature),
            Case(name: "tampered payload", token: b64(#"{"alg":"HS512","typ":"JWT"}"#) + "." + b64(goodClaims.replacingOccurrences(of: "user1", with: "admin")) + "." + signature, expected: .invalidSignature),
            Case(name: "1 MiB token", token: token(payload: #"{"pad":""# + String(repeating: "A", count: 1 << 20) + #""}"#), expected: .tokenTooLarge),
            Case(name: "payload a JSON array", token: token(payload: "[1,2,3]"), expected: .malformedClaims),
            Case(name: "payload a JSON string", token: token(payload: #""claims""#), expected: .malformedClaims),
            Case(name: "payload not JSON", token: token(payload: "{not json"), expected: .malformedClaims),
            Case(name: "exp as a string", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":"1700000300","iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .malformedClaims),
            Case(name: "aud as a number", token: token(payload: #"{"aud":42,"exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .malformedClaims),
            Case(name: "expired beyond leeway", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1699999939,"iat":1699999000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .tokenExpired),
            Case(name: "exp absurdly negative", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":-9223372036854775808,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .tokenExpired),
            Case(name: "iat far in the future", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1800000000,"iat":1790000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .issuedInFuture),
            Case(name: "nbf in the future beyond leeway", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"nbf":1700000300,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .tokenNotYetValid),
            Case(name: "aud mismatch", token: token(payload: #"{"aud":"DIYYYYYYYYYYYYYYYYYY","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .audienceMismatch),
            Case(name: "aud array without us", token: token(payload: #"{"aud":["a","b"],"exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .audienceMismatch),
            Case(name: "iss mismatch", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://evil.example.com/oauth/v1/token"}"#), expected: .issuerMismatch),
            Case(name: "iss differs only by trailing slash", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token/"}"#), expected: .issuerMismatch),
            Case(name: "exp missing", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .missingClaim),
            // Signed payloads that two JSON readers read two ways: refused, never read either way.
            Case(name: "auth_result allow then deny", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","auth_result":{"result":"allow"},"auth_result":{"result":"deny"}}"#), expected: .malformedClaims),
            Case(name: "preferred_username alice then mallory", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","preferred_username":"alice","preferred_username":"mallory"}"#), expected: .malformedClaims),
            Case(name: "aud repeated", token: token(payload: #"{"aud":"DIYYYYYYYYYYYYYYYYYY","aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .malformedClaims),
            Case(name: "repeated key in a nested claim", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","auth_context":{"user":{"name":"a","name":"b"}}}"#), expected: .malformedClaims),
            Case(name: "invalid UTF-8 in a claim", token: signedBytes(payload: Array(#"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","x":""#.utf8) + [0xFF, 0x22, 0x7D]), expected: .malformedClaims),
            Case(name: "raw control character in a claim", token: token(payload: "{\"aud\":\"DIXXXXXXXXXXXXXXXXXX\",\"exp\":1700000300,\"iat\":1700000000,\"iss\":\"https://api-x.duosecurity.com/oauth/v1/token\",\"x\":\"a\u{0}b\"}"), expected: .malformedClaims),
            Case(name: "payload nested 64 deep", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","x":"# + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}"), expected: .malformedClaims),
            Case(name: "repeated key in the header", token: token(header: #"{"alg":"HS512","alg":"none","typ":"JWT"}"#), expected: .malformedHeader),
            Case(name: "iat missing", token: token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#), expected: .missingClaim),
        ]
    }()

    static let validation = ClaimsValidation(
        issuer: "https://api-x.duosecurity.com/oauth/v1/token",
        audience: "DIXXXXXXXXXXXXXXXXXX",
        requiredClaims: [.expiresAt, .issuedAt],
        leeway: 60,
        clock: FixedWallClock(secondsSince1970: TimeInterval(now))
    )

    @Test func theUntamperedTokenVerifies() throws {
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        let verified = try signer.verify(Self.valid, as: RegisteredClaims.self, validation: Self.validation)
        #expect(verified.claims.subject == "user1")
    }

    @Test("Hostile token", arguments: cases)
    func refusesHostileToken(_ hostile: Case) throws {
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        do {
            _ = try signer.verify(hostile.token, as: RegisteredClaims.self, validation: Self.validation)
            Issue.record("\(hostile.name): accepted")
        } catch {
            #expect(error == hostile.expected, "\(hostile.name): got \(error)")
            #expect(error.errorDescription?.isEmpty == false)
            #expect(error.recoverySuggestion?.isEmpty == false)
            #expect(!String(describing: error).contains(Self.secretText))
        }
    }

    @Test func foundationWouldAcceptTheUnusedBitsTamper() throws {
        // The motivating case for the strict decoder: Foundation decodes both signatures to the
        // same bytes, so a lenient verifier would accept the tampered token.
        let tampered = Self.cases.first { $0.name.hasPrefix("tampered last signature character (unused") }
        let original = String(Self.valid.split(separator: ".")[2])
        let modified = String(try #require(tampered).token.split(separator: ".")[2])
        func foundationDecode(_ text: String) -> Data? {
            var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while standard.count % 4 != 0 { standard += "=" }
            return Data(base64Encoded: standard)
        }
        #expect(original != modified)
        #expect(foundationDecode(original) == foundationDecode(modified))
    }

    @Test func leewayBoundaries() throws {
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        // Java/Node vectors: expired 30 s ago passes, 90 s ago fails (60 s leeway).
        for (age, passes) in [(30, true), (59, true), (60, false), (90, false)] {
            let exp = Self.now - Int64(age)
            let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":\#(exp),"iat":\#(exp - 300),"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#)
            if passes {
                _ = try signer.verify(token, as: RegisteredClaims.self, validation: Self.validation)
            } else {
                #expect(throws: DuoError.tokenExpired) {
                    try signer.verify(token, as: RegisteredClaims.self, validation: Self.validation)
                }
            }
        }
        // iat 30 s ahead (clock skew) passes; 120 s ahead fails (PHP vectors).
        for (skew, passes) in [(30, true), (120, false)] {
            let iat = Self.now + Int64(skew)
            let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":\#(iat + 300),"iat":\#(iat),"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#)
            if passes {
                _ = try signer.verify(token, as: RegisteredClaims.self, validation: Self.validation)
            } else {
                #expect(throws: DuoError.issuedInFuture) {
                    try signer.verify(token, as: RegisteredClaims.self, validation: Self.validation)
                }
            }
        }
    }

    @Test func typedClaimsWithUnknownClaims() throws {
        struct DuoClaims: Decodable, Sendable {
            struct AuthResult: Decodable, Sendable { let result: String }
            let preferred_username: String
            let auth_result: AuthResult
        }
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","preferred_username":"user1","auth_result":{"result":"allow"},"custom":{"k":[1,"two",null]}}"#)
        let verified = try signer.verify(token, as: DuoClaims.self, validation: Self.validation)
        #expect(verified.claims.preferred_username == "user1")
        #expect(verified.claims.auth_result.result == "allow")
        #expect(try verified.allClaims()["custom"] == .object(["k": .array([.integer(1), .string("two"), .null])]))
    }

    @Test func wrongClaimTypeNamesTheClaimNotTheValue() throws {
        struct NeedsName: Decodable, Sendable { let preferred_username: String }
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","preferred_username":12345}"#)
        do {
            _ = try signer.verify(token, as: NeedsName.self, validation: Self.validation)
            Issue.record("accepted a number as a username")
        } catch {
            #expect(error == .malformedClaims)
            #expect(error.reason?.contains("preferred_username") == true)
            #expect(error.reason?.contains("12345") == false)
        }
    }

    @Test func repeatedKeysAreRefusedForTypedAndUntypedClaims() throws {
        struct DuoClaims: Decodable, Sendable {
            struct AuthResult: Decodable, Sendable { let result: String }
            let auth_result: AuthResult
        }
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300,"iat":1700000000,"iss":"https://api-x.duosecurity.com/oauth/v1/token","auth_result":{"result":"allow"},"auth_result":{"result":"deny"}}"#)
        #expect(throws: DuoError.malformedClaims) { try signer.verify(token, as: DuoClaims.self, validation: Self.validation) }
        #expect(throws: DuoError.malformedClaims) { try signer.verify(token, as: [String: JSONValue].self, validation: Self.validation) }
        // The signature is good: only the reading refuses it.
        #expect(throws: Never.self) { try signer.verifySignature(token) }
    }

    @Test func fractionalNumericDatesAreTruncatedAsDuosPythonSDKSignsThem() throws {
        let signer = JWTSigner(secret: try ClientSecret(Self.secretText))
        let token = Self.token(payload: #"{"aud":"DIXXXXXXXXXXXXXXXXXX","exp":1700000300.9,"iat":1.7e9,"iss":"https://api-x.duosecurity.com/oauth/v1/token"}"#)
        let verified = try signer.verify(token, as: RegisteredClaims.self, validation: Self.validation)
        #expect(verified.registeredClaims.expiresAt == 1_700_000_300)
        #expect(verified.registeredClaims.issuedAt == 1_700_000_000)
        #expect(verified.claims == verified.registeredClaims)
    }
}
