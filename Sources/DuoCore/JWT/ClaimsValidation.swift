public import Foundation

/// What a verified token's registered claims must satisfy.
///
/// Checks run after the signature is verified, against an injected clock:
/// - `exp`: the token is refused once `now ≥ exp + leeway` (``DuoError/tokenExpired``);
/// - `nbf`: refused while `now + leeway < nbf` (``DuoError/tokenNotYetValid``);
/// - `iat`: refused when `iat > now + leeway` (``DuoError/issuedInFuture``);
/// - `iss`: must equal ``issuer`` exactly, when one is expected (``DuoError/issuerMismatch``);
/// - `aud`: must be, or contain, ``audience``, when one is expected (``DuoError/audienceMismatch``);
/// - every claim in ``requiredClaims`` must be present (``DuoError/missingClaim``).
public struct ClaimsValidation: Sendable {
    /// A registered claim that can be required.
    public enum Claim: String, Sendable, Hashable, CaseIterable {
        /// `iss`
        case issuer = "iss"
        /// `sub`
        case subject = "sub"
        /// `aud`
        case audience = "aud"
        /// `exp`
        case expiresAt = "exp"
        /// `nbf`
        case notBefore = "nbf"
        /// `iat`
        case issuedAt = "iat"
        /// `jti`
        case id = "jti"
    }

    /// The exact issuer expected, or `nil` to not check `iss`.
    public var issuer: String?
    /// The audience that must be named in `aud`, or `nil` to not check it.
    public var audience: String?
    /// Claims that must be present. `iss` and `aud` are required anyway when expected.
    public var requiredClaims: Set<Claim>
    /// Tolerated clock difference, in seconds (Duo's SDKs use 60).
    public var leeway: TimeInterval
    /// The time source.
    public var clock: any WallClock

    /// Creates a validation policy.
    ///
    /// - Parameters:
    ///   - issuer: The exact expected `iss`, or `nil`.
    ///   - audience: The audience `aud` must contain, or `nil`.
    ///   - requiredClaims: Claims that must be present (default `exp`).
    ///   - leeway: Tolerated clock difference in seconds (default 60, never negative).
    ///   - clock: The time source (default the system clock).
    public init(
        issuer: String? = nil,
        audience: String? = nil,
        requiredClaims: Set<Claim> = [.expiresAt],
        leeway: TimeInterval = 60,
        clock: any WallClock = SystemWallClock()
    ) {
        self.issuer = issuer
        self.audience = audience
        self.requiredClaims = requiredClaims
        self.leeway = max(0, leeway)
        self.clock = clock
    }

    /// Checks registered claims.
    ///
    /// - Parameter claims: The decoded registered claims of a token whose signature is valid.
    /// - Throws: The ``DuoError`` of the first check that fails.
    public func validate(_ claims: RegisteredClaims) throws(DuoError) {
        // Presence first: it is a field test, and the set lookup (hashing) is then only done
        // for a missing claim. Same checks, same order.
        for claim in Claim.allCases where !claims.has(claim) && requiredClaims.contains(claim) {
            throw DuoError(.missingClaim, reason: "the token has no '\(claim.rawValue)' claim")
        }
        let now = clock.now().timeIntervalSince1970
        if let exp = claims.expiresAt, now >= Double(exp) + leeway {
            throw DuoError(.tokenExpired, reason: "expired \(seconds(now - Double(exp))) s ago, leeway \(seconds(leeway)) s")
        }
        if let nbf = claims.notBefore, now + leeway < Double(nbf) {
            throw DuoError(.tokenNotYetValid, reason: "valid only in \(seconds(Double(nbf) - now)) s, leeway \(seconds(leeway)) s")
        }
        if let iat = claims.issuedAt, Double(iat) > now + leeway {
            throw DuoError(.issuedInFuture, reason: "issued \(seconds(Double(iat) - now)) s in the future, leeway \(seconds(leeway)) s")
        }
        if let issuer {
            guard let actual = claims.issuer else { throw DuoError(.missingClaim, reason: "the token has no 'iss' claim") }
            guard actual == issuer else {
                throw DuoError(.issuerMismatch, reason: "expected issuer '\(issuer)', got '\(actual.prefix(200))'")
            }
        }
        if let audience {
            guard let actual = claims.audience else { throw DuoError(.missingClaim, reason: "the token has no 'aud' claim") }
            guard actual.contains(audience) else {
                throw DuoError(.audienceMismatch, reason: "expected audience '\(audience)'")
            }
        }
    }
}

/// Whole seconds for a message, without trapping on absurd values from a hostile token.
private func seconds(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return "more than 10^15" }
    return String(Int64(value.rounded()))
}

extension RegisteredClaims {
    fileprivate func has(_ claim: ClaimsValidation.Claim) -> Bool {
        switch claim {
        case .issuer: return issuer != nil
        case .subject: return subject != nil
        case .audience: return audience != nil
        case .expiresAt: return expiresAt != nil
        case .notBefore: return notBefore != nil
        case .issuedAt: return issuedAt != nil
        case .id: return id != nil
        }
    }
}
