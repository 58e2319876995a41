public import Foundation

/// The error every DuoCore operation throws: configuration validation, encoding and JWT checks.
///
/// `DuoError` follows the struct-over-private-enum model (as AsyncHTTPClient and jwt-kit do), so new
/// kinds can be added without breaking callers. Match on the kind, never on the text:
///
/// ```swift
/// do {
///     _ = try signer.verify(token, as: MyClaims.self)
/// } catch let error as DuoError where error == .invalidSignature {
///     // forged or tampered token
/// }
/// ```
///
/// Two errors compare equal when they are of the same ``Code``; ``reason`` is detail for people and
/// logs. Every error carries an ``errorDescription`` (what happened) and a ``recoverySuggestion``
/// (what to do), written for the help-desk person who has to explain it. No error text ever
/// contains a secret: the library only ever puts names of fields and claims, lengths and
/// public values into ``reason``.
public struct DuoError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The kind of a ``DuoError``; compare kinds with `==`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case invalidClientID, invalidClientSecret, invalidAPIHost, invalidIntegrationKey,
                 invalidSecretKey, invalidArgument, invalidBase64URL, tokenTooLarge, malformedToken,
                 unsupportedAlgorithm, malformedHeader, invalidSignature, malformedClaims,
                 missingClaim, tokenExpired, tokenNotYetValid, issuedInFuture, issuerMismatch,
                 audienceMismatch, encodingFailed
        }
        fileprivate let base: Base

        /// The client ID is not the 20-character value Duo issued.
        public static let invalidClientID = Code(base: .invalidClientID)
        /// The client secret is not the 40-character value Duo issued.
        public static let invalidClientSecret = Code(base: .invalidClientSecret)
        /// The API hostname is not a bare `host` or `host:port`.
        public static let invalidAPIHost = Code(base: .invalidAPIHost)
        /// The Auth API integration key is not the 20-character value Duo issued.
        public static let invalidIntegrationKey = Code(base: .invalidIntegrationKey)
        /// The Auth API secret key is not the 40-character value Duo issued.
        public static let invalidSecretKey = Code(base: .invalidSecretKey)
        /// An argument is out of its allowed range (for example a state length).
        public static let invalidArgument = Code(base: .invalidArgument)
        /// Text is not strict, unpadded, canonical base64url.
        public static let invalidBase64URL = Code(base: .invalidBase64URL)
        /// A token is larger than the size cap and was not decoded.
        public static let tokenTooLarge = Code(base: .tokenTooLarge)
        /// A token is not three base64url segments separated by dots.
        public static let malformedToken = Code(base: .malformedToken)
        /// The token header names an algorithm other than `HS512` (including `none`).
        public static let unsupportedAlgorithm = Code(base: .unsupportedAlgorithm)
        /// The token header is not a JSON object with the expected fields.
        public static let malformedHeader = Code(base: .malformedHeader)
        /// The token signature does not match: forged, tampered, or signed with another secret.
        public static let invalidSignature = Code(base: .invalidSignature)
        /// The token payload is not a JSON object of the expected shape.
        public static let malformedClaims = Code(base: .malformedClaims)
        /// A required claim is absent.
        public static let missingClaim = Code(base: .missingClaim)
        /// The token expired (beyond the allowed leeway).
        public static let tokenExpired = Code(base: .tokenExpired)
        /// The token is not valid yet (`nbf` beyond the allowed leeway).
        public static let tokenNotYetValid = Code(base: .tokenNotYetValid)
        /// The token claims to be issued in the future (`iat` beyond the allowed leeway).
        public static let issuedInFuture = Code(base: .issuedInFuture)
        /// The `iss` claim is not the expected issuer.
        public static let issuerMismatch = Code(base: .issuerMismatch)
        /// The `aud` claim does not contain the expected audience.
        public static let audienceMismatch = Code(base: .audienceMismatch)
        /// A value could not be encoded (for example claims that JSON cannot represent).
        public static let encodingFailed = Code(base: .encodingFailed)

        /// A stable, machine-friendly name such as `invalidSignature` (safe as a metrics label).
        public var description: String { base.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// Human-readable detail: which field, claim or limit was involved. Never contains a secret.
    public let reason: String?

    /// Creates an error of a kind, with optional detail.
    ///
    /// - Parameters:
    ///   - code: The kind of error.
    ///   - reason: Detail for people and logs. Never pass a secret, token or code here.
    public init(_ code: Code, reason: String? = nil) {
        self.code = code
        // Reasons may quote what came from outside (a claim name, Duo's text): never a control
        // character or an unbounded length in an error, a description or a log line.
        self.reason = ExternalText.sanitized(reason)
    }

    /// Two errors are equal when their kinds (codes) are, whatever their detail.
    public static func == (lhs: DuoError, rhs: DuoError) -> Bool { lhs.code == rhs.code }
    /// Hashes the kind (code) only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// See ``Code/invalidClientID``.
    public static let invalidClientID = DuoError(.invalidClientID)
    /// See ``Code/invalidClientSecret``.
    public static let invalidClientSecret = DuoError(.invalidClientSecret)
    /// See ``Code/invalidAPIHost``.
    public static let invalidAPIHost = DuoError(.invalidAPIHost)
    /// See ``Code/invalidIntegrationKey``.
    public static let invalidIntegrationKey = DuoError(.invalidIntegrationKey)
    /// See ``Code/invalidSecretKey``.
    public static let invalidSecretKey = DuoError(.invalidSecretKey)
    /// See ``Code/invalidArgument``.
    public static let invalidArgument = DuoError(.invalidArgument)
    /// See ``Code/invalidBase64URL``.
    public static let invalidBase64URL = DuoError(.invalidBase64URL)
    /// See ``Code/tokenTooLarge``.
    public static let tokenTooLarge = DuoError(.tokenTooLarge)
    /// See ``Code/malformedToken``.
    public static let malformedToken = DuoError(.malformedToken)
    /// See ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = DuoError(.unsupportedAlgorithm)
    /// See ``Code/malformedHeader``.
    public static let malformedHeader = DuoError(.malformedHeader)
    /// See ``Code/invalidSignature``.
    public static let invalidSignature = DuoError(.invalidSignature)
    /// See ``Code/malformedClaims``.
    public static let malformedClaims = DuoError(.malformedClaims)
    /// See ``Code/missingClaim``.
    public static let missingClaim = DuoError(.missingClaim)
    /// See ``Code/tokenExpired``.
    public static let tokenExpired = DuoError(.tokenExpired)
    /// See ``Code/tokenNotYetValid``.
    public static let tokenNotYetValid = DuoError(.tokenNotYetValid)
    /// See ``Code/issuedInFuture``.
    public static let issuedInFuture = DuoError(.issuedInFuture)
    /// See ``Code/issuerMismatch``.
    public static let issuerMismatch = DuoError(.issuerMismatch)
    /// See ``Code/audienceMismatch``.
    public static let audienceMismatch = DuoError(.audienceMismatch)
    /// See ``Code/encodingFailed``.
    public static let encodingFailed = DuoError(.encodingFailed)

    /// One line: the summary, then the detail in parentheses when there is one.
    public var description: String {
        guard let reason else { return "DuoError.\(code): \(summary)" }
        return "DuoError.\(code): \(summary) (\(reason))"
    }

    /// What went wrong, in words a help desk can read out.
    public var errorDescription: String? {
        guard let reason else { return summary }
        return "\(summary) (\(reason))"
    }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch code.base {
        case .invalidClientID, .invalidClientSecret, .invalidAPIHost:
            return "Copy the Client ID, Client secret and API hostname again from the application's page in the Duo Admin Panel (Applications > your Web SDK application); the API hostname is a bare name such as api-xxxxxxxx.duosecurity.com, without https:// or a path."
        case .invalidIntegrationKey, .invalidSecretKey:
            return "Copy the Integration key and Secret key again from the Auth API application's page in the Duo Admin Panel; they are 20 and 40 characters long."
        case .invalidArgument:
            return "Check the value named in the message against the documented range; this is a programming or configuration mistake, not something the user can fix."
        case .invalidBase64URL, .tokenTooLarge, .malformedToken, .malformedHeader, .malformedClaims, .encodingFailed:
            return "The data did not come from Duo in the expected form. Ask the user to sign in again; if it keeps happening, check that nothing between the application and Duo (proxy, load balancer) rewrites responses, and contact the application's administrator."
        case .unsupportedAlgorithm, .invalidSignature:
            return "Treat this login attempt as untrusted and ask the user to sign in again. If every login fails this way, the client secret configured in the application does not match the one in the Duo Admin Panel."
        case .missingClaim, .issuerMismatch, .audienceMismatch:
            return "The result was not issued for this application. Ask the user to sign in again; if it persists, check that the client ID and API hostname match the Duo Admin Panel."
        case .tokenExpired, .tokenNotYetValid, .issuedInFuture:
            return "Ask the user to sign in again. If it keeps happening, the server's clock is probably wrong: enable time synchronisation (NTP) on the server."
        }
    }

    private var summary: String {
        switch code.base {
        case .invalidClientID: return "The Duo client ID is not valid."
        case .invalidClientSecret: return "The Duo client secret is not valid."
        case .invalidAPIHost: return "The Duo API hostname is not valid."
        case .invalidIntegrationKey: return "The Duo integration key is not valid."
        case .invalidSecretKey: return "The Duo secret key is not valid."
        case .invalidArgument: return "A value is outside its allowed range."
        case .invalidBase64URL: return "Data that should be base64url-encoded is not."
        case .tokenTooLarge: return "A token from Duo was larger than allowed and was not read."
        case .malformedToken: return "A token from Duo is malformed."
        case .unsupportedAlgorithm: return "A token was signed with an algorithm other than HS512 and was refused."
        case .malformedHeader: return "A token's header is malformed."
        case .invalidSignature: return "A token's signature is not valid."
        case .malformedClaims: return "A token's contents are malformed."
        case .missingClaim: return "A token is missing a required claim."
        case .tokenExpired: return "A token from Duo has expired."
        case .tokenNotYetValid: return "A token from Duo is not valid yet."
        case .issuedInFuture: return "A token from Duo claims to be issued in the future."
        case .issuerMismatch: return "A token was issued by an unexpected issuer."
        case .audienceMismatch: return "A token was issued for a different application."
        case .encodingFailed: return "A value could not be encoded."
        }
    }
}
