public import DuoCore
public import DuoTransport
public import Foundation

/// Signs Duo Auth API (and Admin API) requests: builds the canonical string of signature v2 or
/// v5, its HMAC with the secret key, the `Authorization` and `Date` headers, and the query string
/// or body exactly as signed.
///
/// The signer holds the prepared HMAC key; the secret itself cannot be read back from it, and
/// its descriptions show only the integration key and version.
///
/// ```swift
/// let signer = DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v5)
/// let request = try signer.signedRequest(method: .post, host: host, path: "/auth/v2/preauth",
///                                        parameters: ["username": "alice"], date: Date())
/// ```
public struct DuoRequestSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The integration key, the user name of every `Authorization` header.
    public let integrationKey: IntegrationKey
    /// The canonicalization and HMAC used.
    public let version: DuoSignatureVersion
    private let authenticator: MessageAuthenticator

    /// SHA-512 of the empty string, lower-case hex: line 6 of a body-less v5 request and line 7
    /// when no `X-Duo-*` header is signed.
    public static let emptySHA512Hex = Hex.encode(HashAlgorithm.sha512.hash([UInt8]()))

    /// Creates a signer.
    ///
    /// - Parameters:
    ///   - integrationKey: The integration key (ikey).
    ///   - secretKey: The secret key (skey); kept only as a prepared HMAC key.
    ///   - version: ``DuoSignatureVersion/v5`` (default) or ``DuoSignatureVersion/v2``.
    public init(integrationKey: IntegrationKey, secretKey: SecretKey, version: DuoSignatureVersion = .v5) {
        self.integrationKey = integrationKey
        self.version = version
        self.authenticator = secretKey.makeAuthenticator(version.algorithm)
    }

    /// `DuoRequestSigner(ikey, v5 (HMAC-SHA512))`; never the secret key.
    public var description: String { "DuoRequestSigner(\(integrationKey), \(version))" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The integration key and version only: the prepared HMAC states are as good as the secret
    /// key, so reflection never reaches them.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["integrationKey": integrationKey, "version": version]) }

    // MARK: Canonical string

    /// Builds the canonical string, the exact HMAC input.
    ///
    /// - Parameters:
    ///   - date: The `Date` header value, byte for byte.
    ///   - method: The method (upper-cased here).
    ///   - host: The API host name (lower-cased here, without port).
    ///   - path: The path as sent, without the query string.
    ///   - canonicalParameters: Line 5 (for a v5 POST, the empty string).
    ///   - body: The body bytes (v5 only; empty for GET).
    ///   - xDuoHeaders: Extra `X-Duo-*` headers to cover (v5 only).
    ///   - version: The canonicalization.
    /// - Returns: The lines joined with `\n`, no trailing newline.
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` for an unacceptable `X-Duo-*` header.
    public static func canonicalString(
        date: String, method: String, host: String, path: String, canonicalParameters: String,
        body: [UInt8] = [], xDuoHeaders: [(String, String)] = [], version: DuoSignatureVersion
    ) throws(DuoAuthError) -> String {
        String(decoding: try canonicalBytes(date: date, method: method, host: host, path: path, canonicalParameters: canonicalParameters,
                                            body: body, xDuoHeaders: xDuoHeaders, version: version), as: UTF8.self)
    }

    /// The canonical request's UTF-8, the one builder behind every signing entry point: lines
    /// date, method (upper-cased), host (lower-cased), path and parameters, and for v5 the hex
    /// SHA-512 of the body and of the `X-Duo-*` headers, joined with `\n`.
    static func canonicalBytes(
        date: String, method: String, host: String, path: String, canonicalParameters: String,
        body: [UInt8], xDuoHeaders: [(String, String)], version: DuoSignatureVersion
    ) throws(DuoAuthError) -> [UInt8] {
        if case .v2 = version, !xDuoHeaders.isEmpty {
            throw .invalidArgument("X-Duo- headers can be signed only with signature v5")
        }
        var output: [UInt8] = []
        output.reserveCapacity(date.utf8.count + host.utf8.count + path.utf8.count + canonicalParameters.utf8.count + 300)
        for (index, line) in [date, method.uppercased(), host.lowercased(), path, canonicalParameters].enumerated() {
            if index > 0 { output.append(UInt8(ascii: "\n")) }
            output.append(contentsOf: line.utf8)
        }
        if case .v5 = version {
            let headersHash = try headerHash(xDuoHeaders)
            output.append(UInt8(ascii: "\n"))
            if body.isEmpty {
                output.append(contentsOf: emptySHA512Hex.utf8)
            } else {
                Hex.append(HashAlgorithm.sha512.hash(body), to: &output)
            }
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: headersHash.utf8)
        }
        return output
    }

    /// Line 7 of v5: SHA-512 of `name\0value\0...` over lower-cased, sorted `X-Duo-*` headers.
    ///
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` for a name not starting `X-Duo-`, a NUL
    ///   character, or a duplicate name.
    public static func headerHash(_ headers: [(String, String)]) throws(DuoAuthError) -> String {
        guard !headers.isEmpty else { return emptySHA512Hex }
        var lowered: [(String, String)] = []
        for (name, value) in headers {
            let lower = name.lowercased()
            guard lower.hasPrefix("x-duo-") else { throw .invalidArgument("additional headers must start with 'X-Duo-'") }
            guard !name.contains("\0"), !value.contains("\0") else { throw .invalidArgument("a NUL character is not allowed in a header") }
            guard !lowered.contains(where: { $0.0 == lower }) else { throw .invalidArgument("duplicate header \(lower)") }
            lowered.append((lower, value))
        }
        lowered.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        let joined = lowered.flatMap { [$0.0, $0.1] }.joined(separator: "\0")
        return HashAlgorithm.sha512.hexDigest(Array(joined.utf8))
    }

    // MARK: Signature

    /// The lower-case hex HMAC of a canonical string.
    public func signature(of canonicalString: String) -> String {
        Hex.encode(authenticator.authenticationCode(for: Array(canonicalString.utf8)))
    }

    /// `Basic base64(ikey:signature)`.
    public func authorization(signature: String) -> String {
        basicAuthorization(hexSignature: Array(signature.utf8))
    }

    /// `Basic ` and the standard Base64 of `ikey:` followed by the signature's hex digits.
    private func basicAuthorization(hexSignature: [UInt8]) -> String {
        var credentials = Array(integrationKey.rawValue.utf8)
        credentials.append(UInt8(ascii: ":"))
        credentials.append(contentsOf: hexSignature)
        var output = Array("Basic ".utf8)
        Base64URL.appendStandardBase64(credentials, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The `Authorization` value for a canonical string:
    /// `authorization(signature: signature(of: canonicalString))`.
    ///
    /// - Parameter canonicalString: The canonical string (see
    ///   ``canonicalString(date:method:host:path:canonicalParameters:body:xDuoHeaders:version:)``).
    /// - Returns: `Basic ` and the Base64 of `ikey:hex(HMAC(canonical string))`.
    public func authorization(forCanonicalString canonicalString: String) -> String {
        authorization(signature: signature(of: canonicalString))
    }

    /// The `Authorization` value of a request given its parts:
    /// `authorization(forCanonicalString: canonicalString(...))` with this signer's ``version``,
    /// the value ``signedRequest(method:host:path:parameters:date:xDuoHeaders:timeout:)`` sends.
    ///
    /// - Parameters:
    ///   - date: The `Date` header value, byte for byte.
    ///   - method: The method (upper-cased here).
    ///   - host: The API host name (lower-cased here, without port).
    ///   - path: The path as sent, without the query string.
    ///   - canonicalParameters: Line 5 (``DuoParameters/canonicalString``; for a v5 POST, the
    ///     empty string).
    ///   - body: The body bytes (v5 only; empty for GET).
    ///   - xDuoHeaders: Extra `X-Duo-*` headers to cover (v5 only).
    /// - Returns: `Basic ` and the Base64 of `ikey:hex(HMAC(canonical string))`.
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` for an unacceptable `X-Duo-*` header, as
    ///   ``canonicalString(date:method:host:path:canonicalParameters:body:xDuoHeaders:version:)``.
    public func authorization(
        date: String, method: String, host: String, path: String, canonicalParameters: String,
        body: [UInt8] = [], xDuoHeaders: [(String, String)] = []
    ) throws(DuoAuthError) -> String {
        let canonical = try Self.canonicalBytes(date: date, method: method, host: host, path: path, canonicalParameters: canonicalParameters,
                                                body: body, xDuoHeaders: xDuoHeaders, version: version)
        var hexSignature: [UInt8] = []
        Hex.append(authenticator.authenticationCode(for: canonical), to: &hexSignature)
        return basicAuthorization(hexSignature: hexSignature)
    }

    /// Checks a hex signature against a canonical string in constant time (for servers and
    /// test fakes that verify Duo signatures).
    public func isValid(signature: String, for canonicalString: String) -> Bool {
        guard let mac = Hex.decode(signature) else { return false }
        return authenticator.isValid(mac, for: Array(canonicalString.utf8))
    }

    // MARK: Whole requests

    /// Builds a complete signed request: URL (with the canonical query string for GET/DELETE),
    /// body (form for v2, JSON for v5 POST/PUT), `Date`, `Authorization` and `Content-Type`.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - host: The API host (the port, if any, is used in the URL but not signed).
    ///   - path: The path, such as `/auth/v2/auth`.
    ///   - parameters: The parameters.
    ///   - date: The time to put in `Date` (use a fresh one for every attempt).
    ///   - xDuoHeaders: Extra `X-Duo-*` headers to sign and send (v5 only).
    ///   - timeout: Limits for the request.
    /// - Returns: The request, ready for an `HTTPTransport`.
    /// - Throws: ``DuoAuthError/invalidArgument(_:)`` for a bad header or path.
    public func signedRequest(
        method: HTTPRequest.Method, host: APIHost, path: String, parameters: DuoParameters, date: Date,
        xDuoHeaders: [(String, String)] = [], timeout: HTTPTimeout? = nil
    ) throws(DuoAuthError) -> HTTPRequest {
        let dateText = try DuoDate.format(date)
        let hasBody = method == .post || method == .put || method.rawValue == "PATCH"
        var headers: HTTPHeaders = ["Date": dateText]
        var body: [UInt8] = []
        var query = ""
        let line5: String
        switch (version, hasBody) {
        case (.v5, true):
            body = DuoJSONBody.encode(parameters)
            headers.add(name: "Content-Type", value: "application/json")
            line5 = ""
        case (.v2, true):
            line5 = parameters.canonicalString
            body = Array(line5.utf8)
            headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        case (_, false):
            line5 = parameters.canonicalString
            query = line5
        }
        let authorization = try authorization(date: dateText, method: method.rawValue, host: host.hostname, path: path,
                                              canonicalParameters: line5, body: body, xDuoHeaders: xDuoHeaders)
        headers.add(name: "Authorization", value: authorization)
        for (name, value) in xDuoHeaders { headers.add(name: name, value: value) }
        guard path.hasPrefix("/"), let url = URL(string: host.httpsBaseURL + path + (query.isEmpty ? "" : "?" + query)) else {
            throw .invalidArgument("the request path is not valid")
        }
        return HTTPRequest(method: method, url: url, headers: headers, body: body, timeout: timeout)
    }
}
