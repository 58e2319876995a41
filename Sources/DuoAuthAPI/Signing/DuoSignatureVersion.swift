public import DuoCore

/// Which of Duo's request canonicalizations signs a request.
///
/// - ``v5`` (the default, as in Duo's current Python client): a 7-line canonical string that adds
///   the SHA-512 of the body and of the `X-Duo-*` headers; POST parameters travel as a JSON body.
///   Always HMAC-SHA512.
/// - ``v2``: the 5-line canonical string; POST parameters travel as an
///   `application/x-www-form-urlencoded` body. HMAC-SHA512 by default; HMAC-SHA1 only for old
///   integrations (``v2(_:)`` with `HashAlgorithm.sha1`).
public enum DuoSignatureVersion: Sendable, Hashable, CustomStringConvertible {
    /// Signature v2 with the given HMAC hash (SHA-512 or SHA-1).
    case v2(HashAlgorithm)
    /// Signature v5 (HMAC-SHA512, body and header hashes).
    case v5

    /// Signature v2 with HMAC-SHA512, what Duo's clients send for v2 since 2022.
    public static let v2: DuoSignatureVersion = .v2(.sha512)

    /// The version number as Duo names it: 2 or 5.
    public var number: Int {
        switch self {
        case .v2: return 2
        case .v5: return 5
        }
    }

    /// The HMAC hash function.
    public var algorithm: HashAlgorithm {
        switch self {
        case .v2(let algorithm): return algorithm
        case .v5: return .sha512
        }
    }

    /// `v2 (HMAC-SHA512)`, `v5 (HMAC-SHA512)`.
    public var description: String { "v\(number) (HMAC-\(algorithm))" }
}
