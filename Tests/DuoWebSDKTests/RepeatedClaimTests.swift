import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// Correctly signed id_tokens whose payload repeats a claim. Readers disagree on which value
/// wins (PyJWT takes the last: deny, mallory), so the SDK must refuse such a token outright
/// rather than read it as allowed or as the first user.
struct RepeatedClaimTests {
    static let now: Int64 = 1_700_000_000

    /// The payload text of a valid id_token for `user1`, with `extra` members appended.
    static func payload(extra: String) -> String {
        #"{"aud":"\#(Py.clientID)","exp":\#(now + 300),"iat":\#(now),"iss":"https://\#(Py.host.lowercased())/oauth/v1/token","#
            + #""preferred_username":"user1","auth_result":{"result":"allow","status":"allow","status_msg":"Login Successful"}"#
            + extra + "}"
    }

    static func tokenAnswer(payload: String) -> String {
        let token = JWTSigner(key: Array(Py.secret.utf8)).sign(payloadJSON: Array(payload.utf8))
        return #"{"id_token":"\#(token)","access_token":"a","expires_in":3600,"token_type":"Bearer"}"#
    }

    static func exchange(_ answer: String, username: String = "user1") async throws -> Result<DuoAuthorization, DuoWebError> {
        let mock = MockHTTPTransport()
        await mock.enqueue(status: 200, json: answer)
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: mock)
        do {
            return .success(try await client.exchangeAuthorizationCode("code", username: username))
        } catch {
            return .failure(error)
        }
    }

    @Test func theUnrepeatedTokenIsAllowed() async throws {
        let result = try await Self.exchange(Self.tokenAnswer(payload: Self.payload(extra: "")))
        #expect(try result.get().isAllowed)
    }

    @Test(arguments: [
        #","auth_result":{"result":"deny","status":"deny","status_msg":"Login denied"}"#,
        #","preferred_username":"mallory""#,
        #","aud":"DIYYYYYYYYYYYYYYYYYY""#,
        #","exp":1"#,
        #","auth_context":{"user":{"name":"a","name":"b"}}"#,
    ])
    func aSignedTokenThatRepeatsAClaimIsRefused(_ extra: String) async throws {
        let result = try await Self.exchange(Self.tokenAnswer(payload: Self.payload(extra: extra)))
        guard case .failure(let error) = result else {
            Issue.record("a token repeating a claim was accepted")
            return
        }
        #expect(error == .tokenMalformed)
        #expect(error.reason?.contains("repeated") == true)
    }

    @Test func preferredUsernameAliceThenMalloryIsNotAcceptedForAlice() async throws {
        let payload = Self.payload(extra: "").replacingOccurrences(of: #""preferred_username":"user1""#,
                                                                   with: #""preferred_username":"alice","preferred_username":"mallory""#)
        let result = try await Self.exchange(Self.tokenAnswer(payload: payload), username: "alice")
        #expect(throws: DuoWebError.tokenMalformed) { try result.get() }
    }

    @Test func aTokenAnswerThatRepeatsIDTokenIsNotJSON() async throws {
        let good = JWTSigner(key: Array(Py.secret.utf8)).sign(payloadJSON: Array(Self.payload(extra: "").utf8))
        let result = try await Self.exchange(#"{"id_token":"x","id_token":"\#(good)"}"#)
        #expect(throws: DuoWebError.malformedResponse) { try result.get() }
    }
}
