import DuoCore
import Foundation
import Testing

/// HS512 interop with PyJWT (the library Duo's Python SDK uses), through committed fixtures
/// written by Scripts/make-jwt-fixtures.py, and the byte-exact vectors of the protocol spec.
struct JWTInteropTests {
    struct Fixture: Decodable {
        struct Signed: Decodable {
            let name: String
            let claims: [String: JSONValue]
            let token: String
        }
        struct Expected: Decodable {
            let name: String
            let claims: [String: JSONValue]
            let payload_json: String
            let token: String
        }
        let key: String
        let wrong_key: String
        let pyjwt_signed: [Signed]
        let swift_expected: [Expected]
    }

    let fixture: Fixture
    /// A clock after every fixture's `iat` and before every `exp`.
    let noTimeChecks = ClaimsValidation(requiredClaims: [], leeway: 0, clock: FixedWallClock(secondsSince1970: 1_800_000_000))

    init() throws {
        fixture = try FixtureLoader.decode(Fixture.self, from: "jwt-interop.json")
    }

    @Test func verifiesEveryTokenPyJWTSigned() throws {
        let signer = JWTSigner(secret: try ClientSecret(fixture.key))
        #expect(fixture.pyjwt_signed.count >= 5)
        for entry in fixture.pyjwt_signed {
            let verified = try signer.verify(entry.token, as: [String: JSONValue].self, validation: noTimeChecks)
            // Fractional NumericDates are compared through the registered claims (truncated).
            if entry.name == "float_exp" {
                #expect(verified.registeredClaims.expiresAt == 4_102_444_800)
                #expect(verified.registeredClaims.issuedAt == 1_700_000_000)
            } else {
                #expect(verified.claims == entry.claims, "claims of \(entry.name)")
                #expect(try verified.allClaims() == entry.claims)
            }
        }
    }

    @Test func refusesPyJWTTokensUnderAnotherKey() throws {
        let signer = JWTSigner(secret: try ClientSecret(fixture.wrong_key))
        for entry in fixture.pyjwt_signed {
            #expect(throws: DuoError.invalidSignature) {
                try signer.verify(entry.token, as: [String: JSONValue].self, validation: noTimeChecks)
            }
        }
    }

    @Test func signsExactlyWhatPyJWTVerifies() throws {
        let signer = JWTSigner(secret: try ClientSecret(fixture.key))
        #expect(fixture.swift_expected.count >= 3)
        for entry in fixture.swift_expected {
            let token = try signer.sign(entry.claims)
            #expect(token == entry.token, "token for \(entry.name)")
            let payload = try Base64URL.decode(token.split(separator: ".")[1])
            #expect(String(decoding: payload, as: UTF8.self) == entry.payload_json)
        }
    }

    @Test func pythonRequestObjectVectorByteForByte() throws {
        // duo-universal-protocol.md §10: Python SDK's request JWT, time frozen at 2 s.
        let payload = #"{"scope":"openid","redirect_uri":"https://www.example.com","client_id":"DIXXXXXXXXXXXXXXXXXX","iss":"DIXXXXXXXXXXXXXXXXXX","aud":"https://api-XXXXXXX.test.duosecurity.com","exp":302,"state":"deadbeefdeadbeefdeadbeefdeadbeefdead","response_type":"code","duo_uname":"user1","use_duo_code_attribute":true}"#
        let signer = JWTSigner(secret: try ClientSecret("deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
        #expect(signer.sign(payloadJSON: Array(payload.utf8)) ==
            "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6Im9wZW5pZCIsInJlZGlyZWN0X3VyaSI6Imh0dHBzOi8vd3d3LmV4YW1wbGUuY29tIiwiY2xpZW50X2lkIjoiRElYWFhYWFhYWFhYWFhYWFhYWFgiLCJpc3MiOiJESVhYWFhYWFhYWFhYWFhYWFhYWCIsImF1ZCI6Imh0dHBzOi8vYXBpLVhYWFhYWFgudGVzdC5kdW9zZWN1cml0eS5jb20iLCJleHAiOjMwMiwic3RhdGUiOiJkZWFkYmVlZmRlYWRiZWVmZGVhZGJlZWZkZWFkYmVlZmRlYWQiLCJyZXNwb25zZV90eXBlIjoiY29kZSIsImR1b191bmFtZSI6InVzZXIxIiwidXNlX2R1b19jb2RlX2F0dHJpYnV0ZSI6dHJ1ZX0.soB-jk6P4pzmREKHs5BUlyqNWGTt8id2DIObFYtzXttHwcKuZfjojK9d8_AwzjWhhKPzHWnNfdQUYbkEhRcFag")
    }

    @Test func pythonClientAssertionVectorByteForByte() throws {
        let payload = #"{"iss":"DIXXXXXXXXXXXXXXXXXX","sub":"DIXXXXXXXXXXXXXXXXXX","aud":"https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token","exp":310,"jti":"deadbeef"}"#
        let signer = JWTSigner(secret: try ClientSecret("deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
        let token = signer.sign(payloadJSON: Array(payload.utf8))
        #expect(token == "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJESVhYWFhYWFhYWFhYWFhYWFhYWCIsInN1YiI6IkRJWFhYWFhYWFhYWFhYWFhYWFhYIiwiYXVkIjoiaHR0cHM6Ly9hcGktWFhYWFhYWC50ZXN0LmR1b3NlY3VyaXR5LmNvbS9vYXV0aC92MS90b2tlbiIsImV4cCI6MzEwLCJqdGkiOiJkZWFkYmVlZiJ9.1MWkvEgxKwg230AFiFamRZ_4YP4Zc-m2G6G7Zu28UDAqfvN7qF5SEbH5700v_37ZamYf20Y8seHOSSNHrGPCyQ")
        let verified = try signer.verify(token, as: RegisteredClaims.self, validation: ClaimsValidation(
            audience: "https://api-XXXXXXX.test.duosecurity.com/oauth/v1/token",
            clock: FixedWallClock(secondsSince1970: 10)))
        #expect(verified.claims.id == "deadbeef")
        #expect(verified.claims.expiresAt == 310)
    }

    @Test func pythonTamperedVectorFailsSignature() throws {
        let signer = JWTSigner(secret: try ClientSecret("deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
        #expect(throws: DuoError.invalidSignature) {
            try signer.verifySignature("eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmNkZWYiLCJuYW1lIjoiSm9obiBEb2UiLCJpYXQiOjE1MTYyMzkwMjJ9.kmo4YemI0g8l9fGV1z5Obec3oEQdeena21lFrDrID9O2NmPC-6Oh2InZ0Gd34EhqevZ5dqRf-nfYNAL6nDS33A")
        }
    }

    @Test func javaVectorHasValidSignatureButFailsRequiredClaims() throws {
        let token = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.qKLZNpctaGsuqLr6KkPiM7_9jG5sEEaLPLakrA1kjk7z0lF3HX_RTRS3c4wVFWMEV_jGg72KIjlBpsWrqMxSNg"
        let signer = JWTSigner(secret: try ClientSecret("IZjstQj23454IB2H1qhoQj23Ws2ddZfIOGSxOGSx"))
        _ = try signer.verifySignature(token)
        #expect(throws: DuoError.missingClaim) {
            try signer.verify(token, as: RegisteredClaims.self, validation: ClaimsValidation(
                issuer: "https://api-12345678.duosecurity.com/oauth/v1/token", audience: "DIEN9ZH50WBGER236YT5",
                requiredClaims: [.expiresAt, .issuedAt], clock: FixedWallClock(secondsSince1970: 1_516_239_022)))
        }
    }

    @Test func signingIsDeterministic() throws {
        struct Claims: Codable, Sendable { let url: String; let b: Int; let a: Bool }
        let signer = JWTSigner(secret: try ClientSecret(fixture.key))
        let first = try signer.sign(Claims(url: "https://x/y", b: 1, a: true))
        for _ in 0..<20 { #expect(try signer.sign(Claims(url: "https://x/y", b: 1, a: true)) == first) }
        let payload = String(decoding: try Base64URL.decode(first.split(separator: ".")[1]), as: UTF8.self)
        #expect(payload == #"{"a":true,"b":1,"url":"https://x/y"}"#)
    }
}
