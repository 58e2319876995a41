#if Emulator
import DuoAuthAPI
import DuoCore
import DuoEmulator
import DuoOTP
import DuoQR
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// `description`, `debugDescription`, `dump` and every `Mirror` walk over one instance of every
/// public type of every library module, each built from known secrets: no secret text, no HMAC
/// hash state (the prepared inner and outer states finish a valid MAC without the key) and no
/// `Authorization` value may appear.
///
/// The list of types is checked against the sources: a public type that is added without an
/// instance here fails the suite, so the audit cannot fall behind the API.
@Suite("Reflection audit: every public type")
struct ReflectionAuditTests {
    static let clientID = "DIREFLECTIONAUDIT001"
    static let clientSecret = "reflect-audit-client-secret-0123456789ab"
    static let integrationKey = "DIREFLECTIONAUDITIK1"
    static let secretKey = "reflect-audit-secret-key-0123456789abcde"
    static let proxyPassword = "proxy-pa55word-for-the-audit"
    static let rememberedKey = Array("remembered-browser-key-material-0123456789".utf8)
    static let seedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    static let passcode = "918273"
    static let trustedDeviceToken = "TRUSTED-DEVICE-TOKEN-for-the-audit"
    static let apiHost = "api-audit.duosecurity.com"

    /// Text that betrays a key schedule, whatever the key: swift-crypto's HMAC and digest state.
    static let keyScheduleMarkers = ["innerHasher", "outerHasher", "DigestImpl", "SymmetricKey", "HMAC<", "PreparedHMAC", "authenticator"]

    /// Types of which no instance can be made here: caseless enums used as namespaces (`Hex`,
    /// `SecureRandom`, ...), and an error made only inside the emulator.
    static let withoutInstances: Set<String> = [
        // Made only inside the emulator when certificate generation fails; it carries a reason only.
        "Failure",
        "PercentEncoding", "Hex", "Base64URL", "ConstantTime", "SecureRandom", "DuoSDK", "DuoJSONBody", "DuoDate",
        "Base32", "LoopbackPort", "HTMLForm", "FakeDuoScript",
    ]

    static let libraryModules = ["DuoCore", "DuoTransport", "DuoWebSDK", "DuoAuthAPI", "DuoOTP", "DuoQR", "DuoTesting", "DuoEmulator"]

    /// Every `public struct|enum|class|actor` name declared in the library modules' sources.
    static func declaredPublicTypes() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let pattern = try Regex(#"^\s*(?:@\w+\s+)*public\s+(?:final\s+)?(?:struct|enum|class|actor)\s+(\w+)"#).anchorsMatchLineEndings()
        var names: Set<String> = []
        for module in libraryModules {
            let folder = root.appendingPathComponent("Sources/\(module)")
            let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: pattern) {
                    if let name = match.output[1].substring { names.insert(String(name)) }
                }
            }
        }
        return names
    }

    /// The simple name of a value's type, without module, parents or generic arguments.
    static func typeName(of value: Any) -> String {
        let full = String(describing: type(of: value))
        let base = full.split(separator: "<").first.map(String.init) ?? full
        return base.split(separator: ".").last.map(String.init) ?? base
    }

    /// Every text reflection gives of a value: description, debug description, `dump`, and a
    /// recursive walk of `Mirror` children.
    static func texts(of value: Any) -> [(surface: String, text: String)] {
        var dumped = ""
        dump(value, to: &dumped, maxDepth: 12)
        var walked: [String] = []
        func walk(_ subject: Any, depth: Int) {
            guard depth < 12 else { return }
            for child in Mirror(reflecting: subject).children {
                walked.append("\(child.label ?? "_"): \(String(reflecting: child.value))")
                walk(child.value, depth: depth + 1)
            }
        }
        walk(value, depth: 0)
        return [("description", String(describing: value)), ("debugDescription", String(reflecting: value)),
                ("dump", dumped), ("Mirror", walked.joined(separator: "\n"))]
    }

    @Test("no secret, key schedule or Authorization value in any reflection of any public type")
    func everyPublicType() async throws {
        let instances = try await Self.instances()
        let secrets = instances.secrets
        #expect(!secrets.authorizationValues.isEmpty, "no signed request was captured")

        var covered: Set<String> = []
        for (label, value) in instances.values {
            covered.insert(Self.typeName(of: value))
            for (surface, text) in Self.texts(of: value) {
                for (name, secret) in secrets.named where text.contains(secret) {
                    Issue.record("\(label): the \(name) appears in \(surface): \(text.prefix(400))")
                }
                for value in secrets.authorizationValues where text.contains(value) {
                    Issue.record("\(label): an Authorization value appears in \(surface): \(text.prefix(400))")
                }
                for marker in Self.keyScheduleMarkers where text.contains(marker) {
                    Issue.record("\(label): key-schedule state (\(marker)) appears in \(surface): \(text.prefix(400))")
                }
            }
        }

        let declared = try Self.declaredPublicTypes()
        #expect(declared.count > 100, "the source scan found too few types: \(declared.count)")
        let missing = declared.subtracting(covered).subtracting(Self.withoutInstances).sorted()
        #expect(missing.isEmpty, "public types with no instance in the reflection audit: \(missing)")
        let staleExemptions = Self.withoutInstances.subtracting(declared).sorted()
        #expect(staleExemptions.isEmpty, "exempt types no longer declared: \(staleExemptions)")
    }

    @Test("the audit fails on a leak: swift-crypto's HMAC and a plain header list are caught")
    func auditCatchesLeaks() throws {
        struct Leaky { let password = ReflectionAuditTests.proxyPassword; let header = ["Authorization": "Basic c2VjcmV0"] }
        let texts = Self.texts(of: Leaky()).map(\.text).joined()
        #expect(texts.contains(Self.proxyPassword))
        #expect(texts.contains("Basic c2VjcmV0"))
    }

    struct Secrets {
        var named: [String: String]
        var authorizationValues: [String]
    }

    /// One instance of every public type, from real flows against the in-process fake.
    static func instances() async throws -> (values: [(String, Any)], secrets: Secrets) {
        var values: [(String, Any)] = []
        func add(_ label: String, _ value: Any) { values.append((label, value)) }
        var named = ["client secret": clientSecret, "secret key": secretKey, "proxy password": proxyPassword,
                     "remembered-browser key": Base64URL.encode(rememberedKey), "remembered-browser key (raw)": String(decoding: rememberedKey, as: UTF8.self),
                     "OTP seed": seedBase32, "passcode": passcode, "trusted device token": trustedDeviceToken]

        // DuoCore
        let clock = FixedWallClock(Date())
        let secret = try ClientSecret(clientSecret)
        let authenticator = secret.makeAuthenticator()
        let signer = JWTSigner(secret: secret)
        let token = try signer.sign(RegisteredClaims(issuer: "audit", audience: "a", expiresAt: Int64(clock.now().timeIntervalSince1970) + 60))
        let verified = try signer.verify(token, as: RegisteredClaims.self, validation: ClaimsValidation(issuer: "audit", clock: clock))
        named["signed JWT"] = token
        for value: Any in [DuoError.invalidSignature, DuoError.Code.invalidSignature, SystemWallClock(), clock, try ClientID(clientID),
                           try IntegrationKey(integrationKey), try APIHost(apiHost), secret, try SecretKey(secretKey),
                           JSONValue.object(["k": .string("v")]), signer, JWTHeader.hs512, ClaimsValidation(clock: clock),
                           ClaimsValidation.Claim.issuer, RegisteredClaims(issuer: "audit"), verified, Audience.one("a"),
                           authenticator, HashAlgorithm.sha512, SecretKey.length] {
            add("DuoCore \(typeName(of: value))", value)
        }

        // DuoTransport
        let proxy = ProxyConfiguration(url: try #require(URL(string: "http://proxy.example:3128")), username: "ops", password: proxyPassword)
        let transportConfiguration = TransportConfiguration(proxy: proxy)
        let curl = try CurlTransport(configuration: transportConfiguration)
        let signedHeader = "Basic " + Data("\(integrationKey):\(clientSecret)".utf8).base64EncodedString()
        let request = HTTPRequest(method: .post, url: try #require(URL(string: "https://\(apiHost)/oauth/v1/token?secret=\(clientSecret)")),
                                  headers: ["Authorization": signedHeader, "Cookie": "session=\(passcode)"],
                                  body: Array("client_assertion=\(token)".utf8))
        let response = HTTPResponse(status: 200, headers: ["Set-Cookie": "remember=\(trustedDeviceToken)"], body: Array("{\"id_token\":\"\(token)\"}".utf8))
        for value: Any in [request, HTTPRequest.Method.post, HTTPTimeout.standard, response, RetryPolicy.duoRateLimit,
                           TransportError(.timedOut), TransportError.Code.timedOut, TrustPolicy.duoPinned, proxy, transportConfiguration,
                           curl, RateLimitRetrier(policy: .duoRateLimit), SystemRetryTiming(), request.headers,
                           HTTPHeaders.Field(name: "authorization", value: signedHeader)] {
            add("DuoTransport \(typeName(of: value))", value)
        }

        // The fake, with the Universal and Auth API faces, as the clients' transport.
        let duo = try FakeDuo(clientID: clientID, clientSecret: clientSecret, apiHost: apiHost, clock: clock)
        let authAPI = try await duo.installAuthAPI(integrationKey: integrationKey, secretKey: secretKey)
        await authAPI.setAccount(FakeDuoAuthAccount(username: "ivy", passcodes: [passcode]))
        await authAPI.setLogo([0x89, 0x50, 0x4E, 0x47])
        await duo.setUser(FakeDuoUser(username: "ivy", outcome: .allow))

        // DuoWebSDK
        var web = try DuoWebConfiguration(clientID: clientID, clientSecret: clientSecret, apiHost: apiHost,
                                          redirectURI: "https://app.example/callback")
        web.clock = clock
        web.transport = transportConfiguration
        let client = try DuoWebClient(configuration: web, transport: duo)
        let health = try await client.healthCheck()
        let state = client.generateState(), nonce = client.generateNonce()
        named["state"] = state
        named["nonce"] = nonce
        let options = AuthorizationOptions(nonce: nonce)
        let authorizationURL = try client.authorizationURL(username: "ivy", state: state, options: options)
        let fakeRequest = try await duo.authorizationRequest(from: authorizationURL)
        let promptPush = await duo.sendPush(for: fakeRequest)
        let redirect = try await duo.simulateBrowser(authorizationURL: authorizationURL)
        let callback = try client.callback(from: redirect, expectedState: state)
        named["authorization code"] = callback.code
        let authorization = try await client.exchangeAuthorizationCode(callback.code, username: "ivy", nonce: nonce)
        named["id_token"] = try #require(await duo.lastIssuedIDToken)
        named["client assertion"] = try client.makeClientAssertion(audience: "https://\(apiHost)/oauth/v1/token")
        let context = try #require(authorization.context, "the fake's id_token carries no auth_context")
        let store = RememberedBrowserStore(key: try RememberedBrowserKey(id: "k1", secret: rememberedKey), clock: clock)
        let browserToken = try await store.issue(username: "ivy", provider: "Staff", after: authorization)
        named["remembered-browser token"] = browserToken.value
        let verdict = await store.verify(token: browserToken.value, username: "ivy", provider: "Staff")
        guard case .skipDuo(let remembered) = verdict else { throw AuditFailure("the remembered browser was refused: \(verdict)") }
        let provider = try DuoProvider(name: "Staff", apiHost: apiHost, clientID: clientID, clientSecret: clientSecret,
                                       redirectURI: "https://app.example/callback")
        let registry = DuoProviderRegistry(transport: duo, clock: clock)
        let registration = try await registry.register(provider)
        for value: Any in [client, web, store, try RememberedBrowserKey(id: "k2", secret: rememberedKey),
                           RememberedBrowserError.notAllowed, verdict, remembered, RememberedBrowserRefusal.expired, browserToken,
                           RememberedBrowserPolicy.standard, health, UsernameComparison.caseInsensitive, DuoWebError.stateMismatch,
                           authorization, authorization.result, authorization.result.result, FlagStatus.unknown,
                           context, try #require(context.user), try #require(context.application), try #require(context.authDevice),
                           try #require(context.accessDevice), try #require(context.accessDevice?.location), DuoProviderError.unknownProvider, provider, registry, registration,
                           options, callback] {
            add("DuoWebSDK \(typeName(of: value))", value)
        }

        // DuoAuthAPI
        var authConfiguration = try DuoAuthConfiguration(integrationKey: integrationKey, secretKey: secretKey, apiHost: apiHost)
        authConfiguration.transport = transportConfiguration
        let authClient = DuoAuthClient(configuration: authConfiguration, transport: duo, clock: clock)
        let requestSigner = DuoRequestSigner(integrationKey: try IntegrationKey(integrationKey), secretKey: try SecretKey(secretKey))
        let preauthOptions = DuoPreauthOptions(trustedDeviceToken: trustedDeviceToken)
        let preauth = try await authClient.preauth(.username("ivy"), options: preauthOptions)
        let device = try #require(preauth.devices.first, "the fake offered no device")
        let passcodeRequest = DuoAuthRequest(user: .username("ivy"), factor: .passcode(passcode))
        let passcodeAnswer = try await authClient.auth(passcodeRequest)
        var pushed: DuoAuthResponse?
        for try await update in authClient.push(username: "ivy", deadline: .seconds(20)) { pushed = update }
        let enrollment = try await authClient.enroll(username: "newcomer")
        named["activation code"] = enrollment.activationCode
        let enrollmentStatus = try await authClient.enrollStatus(userID: enrollment.userID, activationCode: enrollment.activationCode)
        for value: Any in [requestSigner, DuoSignatureVersion.v5, DuoParameters([("username", "ivy")]), try #require(DuoParameters([("a", "b")]).pairs.first),
                           device, preauth, device.type, try #require(device.capabilities.first), preauth.result, DuoAuthStatus.allow,
                           passcodeAnswer, try #require(pushed), passcodeAnswer.result, enrollmentStatus, DuoPushOptions(),
                           DuoAuthFactor.passcode(passcode), passcodeRequest, preauthOptions, try await authClient.logo(), DuoPushInfo([("a", "b")]),
                           try await authClient.ping(), DuoUser.username("ivy"), enrollment, OffsetWallClock(base: clock, offset: 1),
                           DuoAPIFailure(httpStatus: 401, code: 40103, message: "Invalid signature", messageDetail: nil),
                           DuoAuthError.transport(TransportError(.timedOut)), authConfiguration, authClient] {
            add("DuoAuthAPI \(typeName(of: value))", value)
        }

        // DuoOTP
        let seed = try OTPSecret(base32: seedBase32)
        let uri = try OTPAuthURI(account: "ivy@example.com", issuer: "Example", secret: seed)
        let totp = try uri.totpGenerator()
        let hotp = try uri.hotpGenerator()
        let totpVerifier = try TOTPVerifier(generator: totp)
        let hotpVerifier = try HOTPVerifier(generator: hotp)
        for value: Any in [totpVerifier.verify("000000", at: 59), totpVerifier, uri, uri.kind, InMemoryReplayGuard(), totp,
                           OTPAlgorithm.sha1, hotp, OTPAuthURIError(.badDigits, detail: "digits"), OTPAuthURIError.Reason.badDigits,
                           hotpVerifier.verify("000000", counter: 0), hotpVerifier, Base32Error.empty, seed, OTPError.emptySecret,
                           OTPRejection.noMatch] {
            add("DuoOTP \(typeName(of: value))", value)
        }

        // DuoQR: the code of an otpauth:// URI carries the seed in its modules.
        for value: Any in [try uri.qrCode(level: .medium), QRErrorCorrection.high, QRCodeError(.payloadTooLong, detail: "x"),
                           QRCodeError.Reason.payloadTooLong] {
            add("DuoQR \(typeName(of: value))", value)
        }

        // DuoTesting
        let pushes = await authAPI.pushes
        var fakeError: any Error = AuditFailure("the fake accepted an authorization URL without a request")
        do { _ = try await duo.simulateBrowser(authorizationURL: try #require(URL(string: "https://\(apiHost)/oauth/v1/authorize"))) } catch { fakeError = error }
        for value: Any in [fakeRequest, authAPI, duo, FakeDuoFault.rateLimited(retryAfter: nil, times: 1), fakeError,
                           await authAPI.account("ivy"), FakeDuoAuthAccount.State.active, FakeDuoAuthAccount.Device.phone,
                           try #require(pushes.first, "no push was recorded"), FakeDuoPushState.approved, promptPush,
                           MockHTTPTransport(), MockHTTPTransport.Answer.failure(TransportError(.timedOut)), FakeDuoOutcome.allow,
                           FakeDuoUser(username: "ivy"), await duo.users] {
            add("DuoTesting \(typeName(of: value))", value)
        }

        // DuoEmulator
        let emulatorConfiguration = DuoEmulatorConfiguration(clientID: clientID, clientSecret: clientSecret, integrationKey: integrationKey,
                                                             secretKey: secretKey)
        let emulator = try await DuoEmulator(configuration: emulatorConfiguration, host: "127.0.0.1:1")
        let authority = try ThrowawayCertificateAuthority()
        for value: Any in [emulatorConfiguration, authority, emulator, emulator.state,
                           EmulatedDevice(name: "phone", key: uri), EmulatorNetworkFault.droppedConnection] {
            add("DuoEmulator \(typeName(of: value))", value)
        }

        // The Authorization values of every request the clients signed.
        let sent = await duo.requests
        let authorizationValues = sent.compactMap { $0.headers["Authorization"] }.filter { $0.count > 10 } + [signedHeader]
        return (values, Secrets(named: named, authorizationValues: authorizationValues))
    }

    struct AuditFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
#endif
