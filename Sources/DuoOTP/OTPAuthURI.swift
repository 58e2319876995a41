/// An authenticator account as carried by an `otpauth://` key URI (the QR code of an
/// enrollment): type, label, issuer, secret and code parameters.
///
/// Parse with ``init(parsing:)``, which applies every rule of the `duo otp` contract and names
/// the broken one in ``OTPAuthURIError/reason``; format with ``uriString``. The value's
/// `description` never shows the secret, and neither should your logs: the URI *is* the secret.
///
/// ```swift
/// let account = try OTPAuthURI(parsing: scannedText)
/// let totp = try account.totpGenerator()
/// ```
public struct OTPAuthURI: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The kind of password and its moving factor's parameter.
    public enum Kind: Sendable, Hashable {
        /// Time-based, with the period in seconds (at least 1).
        case totp(period: UInt64)
        /// Counter-based, with the initial counter.
        case hotp(counter: UInt64)
    }

    /// TOTP or HOTP, with the period or counter.
    public var kind: Kind
    /// The whole label, percent-decoded (`Issuer:account` or just the account).
    public var label: String
    /// The account name: the label without the issuer prefix and separator, leading spaces removed.
    public var account: String
    /// The issuer: the `issuer` parameter, else the label prefix, else `nil`.
    public var issuer: String?
    /// The shared key.
    public var secret: OTPSecret
    /// The HMAC hash (default SHA-1).
    public var algorithm: OTPAlgorithm
    /// The code length, 6...8 (default 6).
    public var digits: Int

    /// Describes an account, for example to show a QR code at enrollment.
    ///
    /// - Parameters:
    ///   - kind: TOTP with its period (default 30 s) or HOTP with its counter.
    ///   - account: The account name (an e-mail address or username).
    ///   - issuer: The service name; `nil` or empty for none.
    ///   - secret: The shared key.
    ///   - algorithm: The HMAC hash (default SHA-1, the only one some apps honour).
    ///   - digits: 6, 7 or 8 (default 6, the only length some apps honour).
    /// - Throws: ``OTPError/invalidDigits(_:)`` or ``OTPError/invalidPeriod``.
    public init(kind: Kind = .totp(period: 30), account: String, issuer: String? = nil, secret: OTPSecret,
                algorithm: OTPAlgorithm = .sha1, digits: Int = 6) throws(OTPError) {
        guard OTPCodeFormat.supportedDigits.contains(digits) else { throw OTPError.invalidDigits(digits) }
        if case .totp(let period) = kind, period < 1 { throw OTPError.invalidPeriod }
        let issuer = issuer.flatMap { $0.isEmpty ? nil : $0 }
        self.kind = kind
        self.account = account
        self.issuer = issuer
        self.label = issuer.map { "\($0):\(account)" } ?? account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
    }

    /// Parses an `otpauth://` URI.
    ///
    /// - Parameter text: The URI, for example the text of a scanned QR code.
    /// - Throws: ``OTPAuthURIError`` whose ``OTPAuthURIError/reason`` names the rule broken.
    public init(parsing text: some StringProtocol) throws(OTPAuthURIError) {
        self = try OTPAuthURIParser.parse(Substring(text))
    }

    /// Memberwise, for the parser (already validated).
    init(validatedKind kind: Kind, label: String, account: String, issuer: String?, secret: OTPSecret, algorithm: OTPAlgorithm, digits: Int) {
        self.kind = kind
        self.label = label
        self.account = account
        self.issuer = issuer
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
    }

    /// `"totp"` or `"hotp"`.
    public var typeName: String {
        switch kind {
        case .totp: return "totp"
        case .hotp: return "hotp"
        }
    }

    /// The TOTP period, or `nil` for HOTP.
    public var period: UInt64? { if case .totp(let period) = kind { return period } else { return nil } }

    /// The HOTP counter, or `nil` for TOTP.
    public var counter: UInt64? { if case .hotp(let counter) = kind { return counter } else { return nil } }

    /// A TOTP generator for this account.
    ///
    /// - Throws: ``OTPError/invalidPeriod`` when the account is HOTP (it has no period).
    public func totpGenerator() throws(OTPError) -> TOTPGenerator {
        guard case .totp(let period) = kind else { throw OTPError.invalidPeriod }
        return try TOTPGenerator(secret: secret, algorithm: algorithm, digits: digits, period: period)
    }

    /// An HOTP generator for this account (for a TOTP account, one keyed by step number).
    public func hotpGenerator() throws(OTPError) -> HOTPGenerator {
        try HOTPGenerator(secret: secret, algorithm: algorithm, digits: digits)
    }

    /// The URI: issuer and account percent-encoded and joined by a literal `:`, the issuer
    /// repeated as a parameter, the secret unpadded, and `algorithm`, `digits`, `period` only
    /// when they differ from the defaults (old apps ignore them). `counter` is always given
    /// for HOTP. The text contains the secret: treat it like a password.
    public var uriString: String {
        var text = "otpauth://\(typeName)/"
        if let issuer {
            text += PercentCoding.encode(issuer) + ":"
        } else if account.utf8.contains(UInt8(ascii: ":")) {
            // An empty prefix before a literal colon keeps a colon in the account from being
            // read as an issuer separator.
            text += ":"
        }
        text += PercentCoding.encode(account)
        text += "?secret=" + secret.base32
        if let issuer { text += "&issuer=" + PercentCoding.encode(issuer) }
        if algorithm != .sha1 { text += "&algorithm=" + algorithm.rawValue }
        if digits != 6 { text += "&digits=\(digits)" }
        switch kind {
        case .totp(let period): if period != 30 { text += "&period=\(period)" }
        case .hotp(let counter): text += "&counter=\(counter)"
        }
        return text
    }

    /// A summary without the secret.
    public var description: String {
        "OTPAuthURI(\(typeName), issuer: \(issuer.map { "\"\($0)\"" } ?? "nil"), account: \"\(account)\", \(algorithm), \(digits) digits, secret: <redacted>)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "label": label, "account": account, "issuer": issuer as Any,
                                "algorithm": algorithm, "digits": digits, "secret": secret])
    }
}
