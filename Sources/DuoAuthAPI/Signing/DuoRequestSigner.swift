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
        try withCanonicalBytes(date: date, method: method, host: host, path: path, canonicalParameters: canonicalParameters,
                               body: body, xDuoHeaders: xDuoHeaders, version: version) { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes the canonical string's UTF-8 into one temporary buffer (on the stack when it is
    /// small) and hands the bytes to `use`: the one implementation behind
    /// ``canonicalString(date:method:host:path:canonicalParameters:body:xDuoHeaders:version:)``
    /// and ``authorization(date:method:host:path:canonicalParameters:body:xDuoHeaders:)``.
    ///
    /// The body hash is written into the buffer as hex straight from the digest: this is built
    /// on every signed request, and `String` appends, a growing array or a separate hex string per
    /// hash each cost an allocation and a copy. Inlined so that the closure is too: as a call,
    /// the signer captured by `use` was copied (its key state retained and released) per request.
    @inline(__always)
    static func withCanonicalBytes<R>(
        date: String, method: String, host: String, path: String, canonicalParameters: String,
        body: [UInt8], xDuoHeaders: [(String, String)], version: DuoSignatureVersion,
        _ use: (UnsafeRawBufferPointer) -> R
    ) throws(DuoAuthError) -> R {
        let isV5: Bool
        let headersHash: String
        if case .v5 = version {
            isV5 = true
            headersHash = try headerHash(xDuoHeaders)
        } else if !xDuoHeaders.isEmpty {
            throw .invalidArgument("X-Duo- headers can be signed only with signature v5")
        } else {
            isV5 = false
            headersHash = ""
        }
        let method = method.utf8AllSatisfy({ !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) && $0 < 0x80 }) ? method : method.uppercased()
        let host = host.utf8AllSatisfy({ !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) && $0 < 0x80 }) ? host : host.lowercased()
        let bodyHashCount = 2 * HashAlgorithm.sha512.digestByteCount
        let lineBytes = date.utf8.count + method.utf8.count + host.utf8.count + path.utf8.count + canonicalParameters.utf8.count
        let capacity = lineBytes + 4 + (isV5 ? 2 + bodyHashCount + headersHash.utf8.count : 0)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var written = 0
            // Each write stays inside `buffer`: `capacity` counts every byte written below, and
            // `initialize(from:)` stops at the end of the space it is given in any case.
            func put(_ text: String) {
                written += UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(from: text.utf8).1
            }
            func newline() {
                buffer[written] = UInt8(ascii: "\n")
                written += 1
            }
            put(date)
            newline()
            put(method)
            newline()
            put(host)
            newline()
            put(path)
            newline()
            put(canonicalParameters)
            if isV5 {
                newline()
                if body.isEmpty {
                    put(emptySHA512Hex)
                } else if let base = buffer.baseAddress {
                    let start = written
                    body.withUnsafeBytes { bytes in
                        HashAlgorithm.sha512.withDigest(of: bytes) { digest in
                            // `bodyHashCount` bytes were counted for exactly these digits.
                            if 2 * digest.count <= bodyHashCount { Hex.writeDigits(of: digest, to: UnsafeMutableRawPointer(base + start)) }
                        }
                    }
                    written += bodyHashCount
                }
                newline()
                put(headersHash)
            }
            return use(UnsafeRawBufferPointer(start: buffer.baseAddress, count: written))
        }
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
        return Hex.encode(HashAlgorithm.sha512.hash(Array(joined.utf8)))
    }

    // MARK: Signature

    /// The lower-case hex HMAC of a canonical string.
    public func signature(of canonicalString: String) -> String {
        var canonical = canonicalString
        return canonical.withUTF8 { bytes in
            authenticator.withAuthenticationCode(for: UnsafeRawBufferPointer(bytes)) { Hex.encode($0) }
        }
    }

    /// `Basic base64(ikey:signature)`.
    public func authorization(signature: String) -> String {
        var credentials: [UInt8] = []
        credentials.reserveCapacity(integrationKey.rawValue.utf8.count + 1 + signature.utf8.count)
        credentials.append(contentsOf: integrationKey.rawValue.utf8)
        credentials.append(UInt8(ascii: ":"))
        credentials.append(contentsOf: signature.utf8)
        return credentials.withUnsafeBytes(Self.basicAuthorization)
    }

    /// The `Authorization` value for a canonical string: exactly
    /// `authorization(signature: signature(of: canonicalString))`, the value every signed
    /// request carries.
    ///
    /// One pass instead of two: the MAC is hex-encoded straight into the credential bytes, so no
    /// signature `String` is made only to be read back (on the request-signing path that was
    /// about a tenth of the work besides the hashing).
    ///
    /// - Parameter canonicalString: The canonical string (see
    ///   ``canonicalString(date:method:host:path:canonicalParameters:body:xDuoHeaders:version:)``).
    /// - Returns: `Basic ` and the Base64 of `ikey:hex(HMAC(canonical string))`.
    public func authorization(forCanonicalString canonicalString: String) -> String {
        var canonical = canonicalString
        return canonical.withUTF8 { authorization(forCanonicalBytes: UnsafeRawBufferPointer($0)) }
    }

    /// The `Authorization` value of a request given its parts: exactly
    /// `authorization(forCanonicalString: canonicalString(...))` with this signer's ``version``,
    /// the value ``signedRequest(method:host:path:parameters:date:xDuoHeaders:timeout:)`` sends.
    ///
    /// The canonical string is written into one temporary buffer and authenticated from there,
    /// and the credentials and their Base64 are assembled in temporary buffers too: the only
    /// allocation left is the returned `String` (and the MAC's own). On the request-signing
    /// path the intermediate strings and arrays were most of the work besides the hashing.
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
        try Self.withCanonicalBytes(date: date, method: method, host: host, path: path, canonicalParameters: canonicalParameters,
                                    body: body, xDuoHeaders: xDuoHeaders, version: version) { authorization(forCanonicalBytes: $0) }
    }

    /// `Basic base64(ikey:hex(HMAC(canonical)))`, with the MAC hex-encoded straight into the
    /// credential bytes (no signature `String` made only to be read back) in a temporary buffer.
    private func authorization(forCanonicalBytes canonical: UnsafeRawBufferPointer) -> String {
        let ikey = integrationKey.rawValue
        let macHexCount = 2 * version.algorithm.digestByteCount
        let capacity = ikey.utf8.count + 1 + macHexCount
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { credentials in
            var written = UnsafeMutableBufferPointer(rebasing: credentials[...]).initialize(from: ikey.utf8).1
            credentials[written] = UInt8(ascii: ":")
            written += 1
            let start = written
            authenticator.withAuthenticationCode(for: canonical) { mac in
                // `macHexCount` bytes were counted for exactly these digits.
                if let base = credentials.baseAddress, 2 * mac.count <= macHexCount {
                    Hex.writeDigits(of: mac, to: UnsafeMutableRawPointer(base + start))
                    written += 2 * mac.count
                }
            }
            return Self.basicAuthorization(UnsafeRawBufferPointer(start: credentials.baseAddress, count: written))
        }
    }

    /// `Basic ` followed by the standard Base64 of `credentials`, written into one temporary
    /// buffer and made a `String` once.
    private static func basicAuthorization(_ credentials: UnsafeRawBufferPointer) -> String {
        let prefix = "Basic "
        let capacity = prefix.utf8.count + (credentials.count + 2) / 3 * 4
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { output in
            var written = UnsafeMutableBufferPointer(rebasing: output[...]).initialize(from: prefix.utf8).1
            if let base = output.baseAddress {
                written += Base64URL.writeStandardBase64(of: credentials, to: UnsafeMutableRawPointer(base + written))
            }
            return String(decoding: UnsafeBufferPointer(rebasing: output[..<written]), as: UTF8.self)
        }
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
