public import DuoTransport

/// A defect ``FakeDuo`` injects into its answers, to test that clients refuse it.
public enum FakeDuoFault: Sendable, Hashable {
    // id_token defects (token endpoint only)
    /// Sign the id_token with another secret.
    case badSignature
    /// `exp` 10 minutes in the past.
    case expired
    /// `nbf` 10 minutes in the future.
    case notYetValid
    /// `iat` 10 minutes in the future.
    case issuedInFuture
    /// `iss` of another host.
    case wrongIssuer
    /// `aud` of another client.
    case wrongAudience
    /// A `nonce` other than the one sent.
    case wrongNonce
    /// No `nonce` claim although one was sent.
    case missingNonce
    /// A `preferred_username` other than the user's.
    case wrongUsername
    /// No `exp` claim.
    case missingExpiry
    /// No `iat` claim.
    case missingIssuedAt
    /// No `preferred_username` claim.
    case missingPreferredUsername
    /// Header `{"alg":"none"}` and an empty signature.
    case algorithmNone
    /// Signed HS256 instead of HS512.
    case algorithmHS256
    /// The answer has no `id_token`.
    case missingIDToken
    // whole-answer defects (any endpoint)
    /// Answer this HTTP status with an empty JSON object body.
    case httpStatus(Int)
    /// Answer HTTP 200 with a body that is not JSON.
    case malformedJSON
    /// Answer what the endpoint would, with the body cut in half (a dropped connection mid-body).
    case truncatedBody
    /// Answer HTTP 429 Too Many Requests `times` times (with `Retry-After` when given), then
    /// clear the fault and answer normally.
    case rateLimited(retryAfter: Int?, times: Int)
    /// Throw this transport error instead of answering (for example `.timedOut`).
    case transportFailure(TransportError)
}

/// Why ``FakeDuo`` refused a simulated browser step.
public struct FakeDuoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the authorization request.
    public let message: String
    /// The message.
    public var description: String { "FakeDuoError: \(message)" }
}
