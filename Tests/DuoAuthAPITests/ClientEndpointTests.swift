import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// Every endpoint against FakeDuo's Auth API (which verifies signatures), under both signature
/// versions.
struct ClientEndpointTests {
    static let versions: [DuoSignatureVersion] = [.v2, .v5]

    @Test(arguments: versions)
    func checkIsSignedWithTheChosenVersion(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        let time = try await harness.client.check()
        #expect(abs(time.time.timeIntervalSinceNow) < 60)
        #expect(await harness.api.verifiedSignatureVersions == [version.number])
        let request = try #require(await harness.duo.requests.first)
        #expect(request.url.path == "/auth/v2/check")
        #expect(request.headers["Authorization"]?.hasPrefix("Basic ") == true)
    }

    @Test func pingIsUnsignedAndIgnoresTheKeys() async throws {
        let harness = try await Harness(skey: String(repeating: "w", count: 40))
        _ = try await harness.client.ping()
        let request = try #require(await harness.duo.requests.first)
        #expect(request.headers["Authorization"] == nil)
        #expect(await harness.api.verifiedSignatureVersions.isEmpty)
    }

    @Test(arguments: versions)
    func wrongSecretKeyIsACredentialError(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version, skey: String(repeating: "w", count: 40))
        await #expect { try await harness.client.check() } throws: { error in
            guard case .credentialsRejected(let failure) = error as? DuoAuthError else { return false }
            return failure.code == 40103 && failure.httpStatus == 401
                && (error as? DuoAuthError)?.errorDescription?.lowercased().contains("signature") == true
        }
        #expect(await harness.duo.requests.count == 1)
    }

    @Test func wrongIntegrationKeyIsACredentialError() async throws {
        let harness = try await Harness(ikey: "DIOTHERINTEGRATION01")
        await #expect { try await harness.client.check() } throws: { error in
            (error as? DuoAuthError)?.apiFailure?.code == 40102
        }
    }

    @Test(arguments: versions, Fake.awkwardUsernames)
    func preauthCarriesAwkwardUsernames(_ version: DuoSignatureVersion, _ username: String) async throws {
        let harness = try await Harness(version: version)
        let answer = try await harness.client.preauth(.username(username), options: DuoPreauthOptions(ipAddress: "203.0.113.7", hostname: "vpn gw"))
        #expect(answer.result == .auth)
        #expect(answer.statusMessage == "Account is active")
        let device = try #require(answer.devices.first)
        #expect(device.id == "DPFAKEDEVICE00000001" && device.type == .phone && device.canPush)
        #expect(device.capabilities.contains(.mobileOTP))
        #expect(await harness.api.lastParameters["username"] == username)
        #expect(await harness.api.lastParameters["ipaddr"] == "203.0.113.7")
        #expect(await harness.api.verifiedSignatureVersions == [version.number])
    }

    @Test(arguments: versions)
    func preauthResults(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await harness.api.setAccount(FakeDuoAuthAccount(username: "locked", state: .lockedOut))
        await harness.api.setAccount(FakeDuoAuthAccount(username: "bypass", state: .bypass))
        await harness.api.setAccount(FakeDuoAuthAccount(username: "new", state: .notEnrolled))
        #expect(try await harness.client.preauth(.username("locked")).result == .deny)
        #expect(try await harness.client.preauth(.username("bypass")).result == .allow)
        let enroll = try await harness.client.preauth(.username("new"))
        #expect(enroll.result == .enroll && enroll.enrollPortalURL != nil)
        #expect(enroll.raw["enroll_portal_url"] != nil)
    }

    @Test(arguments: versions, Fake.awkwardUsernames)
    func synchronousPushWithAwkwardPushInfo(_ version: DuoSignatureVersion, _ username: String) async throws {
        let harness = try await Harness(version: version)
        let info: DuoPushInfo = DuoPushInfo([("from", "login portal & more"), ("domain", "a=b.example.com"), ("~*", "ünï cødé"), ("empty", "")])
        let options = DuoPushOptions(type: "Login ~*", displayUsername: "Jörg & Co = Ltd", pushInfo: info)
        let answer = try await harness.client.auth(DuoAuthRequest(user: .username(username), factor: .push(options)))
        #expect(answer.isAllowed && answer.status == .allow)
        let push = try #require(await harness.api.pushes.last)
        #expect(push.username == username)
        #expect(push.type == "Login ~*" && push.displayUsername == "Jörg & Co = Ltd")
        #expect(push.pushInfo == info.pairs.map { [$0.key, $0.value] })
        #expect(!push.isAsync)
        #expect(await harness.api.lastParameters["async"] == "0")
        #expect(await harness.api.verifiedSignatureVersions == [version.number])
    }

    @Test(arguments: versions)
    func outcomesOfAPush(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        for (outcome, status) in [(FakeDuoOutcome.deny, DuoAuthStatus.deny), (.timeout, .timeout), (.fraud, .fraud)] {
            let name = "user-\(status)"
            await harness.duo.setUser(FakeDuoUser(username: name, outcome: outcome))
            let answer = try await harness.client.auth(DuoAuthRequest(user: .username(name), factor: .push(DuoPushOptions())))
            #expect(answer.result == .deny && answer.status == status && !answer.isAllowed)
        }
    }

    @Test(arguments: versions)
    func passcodesAreCheckedAndSingleUse(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await harness.api.setAccount(FakeDuoAuthAccount(username: "zoë ~*&=", passcodes: ["424242"]))
        #expect(try await harness.client.verifyPasscode(username: "zoë ~*&=", passcode: "111111").result == .deny)
        let good = try await harness.client.verifyPasscode(username: "zoë ~*&=", passcode: "424242")
        #expect(good.isAllowed)
        #expect(try await harness.client.verifyPasscode(username: "zoë ~*&=", passcode: "424242").result == .deny)
        await #expect(throws: DuoAuthError.self) { try await harness.client.verifyPasscode(username: "x", passcode: "") }
    }

    @Test(arguments: versions)
    func smsPhoneAndUserID(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        let sms = try await harness.client.auth(DuoAuthRequest(user: .username("alice"), factor: .sms(device: "auto")))
        #expect(sms.result == .deny && sms.status == .sent)
        let phone = try await harness.client.auth(DuoAuthRequest(user: .userID("DUXXXXXXXXXXXXXXXXXX"), factor: .phone(device: "DPFAKEDEVICE00000001")))
        #expect(phone.isAllowed)
        #expect(await harness.api.lastParameters["user_id"] == "DUXXXXXXXXXXXXXXXXXX")
        let auto = try await harness.client.auth(DuoAuthRequest(user: .username("alice"), factor: .auto(device: "auto")))
        #expect(auto.isAllowed)
    }

    @Test(arguments: versions)
    func noCapableDeviceIsARequestError(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await harness.api.setAccount(FakeDuoAuthAccount(username: "nodevice", devices: []))
        await #expect { try await harness.client.auth(DuoAuthRequest(user: .username("nodevice"), factor: .push(DuoPushOptions()))) } throws: { error in
            guard case .requestRejected(let failure) = error as? DuoAuthError else { return false }
            return failure.code == 40002 && failure.messageDetail == "no capable device"
        }
        #expect(await harness.duo.requests.count == 1)
    }

    @Test(arguments: versions)
    func lockedOutAndBypassAtAuth(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await harness.api.setAccount(FakeDuoAuthAccount(username: "locked", state: .lockedOut))
        await harness.api.setAccount(FakeDuoAuthAccount(username: "bypass", state: .bypass))
        let locked = try await harness.client.auth(DuoAuthRequest(user: .username("locked"), factor: .push(DuoPushOptions())))
        #expect(locked.result == .deny && locked.status == .lockedOut)
        let bypass = try await harness.client.auth(DuoAuthRequest(user: .username("bypass"), factor: .push(DuoPushOptions())))
        #expect(bypass.isAllowed && bypass.status == .bypass)
    }

    @Test(arguments: versions)
    func asynchronousAuthAndStatus(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        let txid = try await harness.client.startAuth(DuoAuthRequest(user: .username("a&b=c d"), factor: .push(DuoPushOptions())))
        let first = try await harness.client.authStatus(txid: txid)
        #expect(first.result == .waiting && first.status == .pushed && first.txid == txid)
        let last = try await harness.client.authStatus(txid: txid)
        #expect(last.isAllowed && last.trustedDeviceToken != nil)
        #expect(await harness.api.lastParameters["txid"] == txid)
        await #expect(throws: DuoAuthError.self) { try await harness.client.authStatus(txid: "no-such-txid") }
    }

    @Test(arguments: versions)
    func enrollmentAndStatus(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        let enrollment = try await harness.client.enroll(username: "new user ~*&=ü", validFor: 3600)
        #expect(enrollment.username == "new user ~*&=ü")
        #expect(enrollment.activationCode.hasPrefix("duo://"))
        #expect(enrollment.activationBarcode?.hasPrefix("https://") == true)
        #expect(enrollment.expiration.map { $0 > Date() } == true)
        #expect(try await harness.client.enrollStatus(userID: enrollment.userID, activationCode: enrollment.activationCode) == .waiting)
        #expect(try await harness.client.enrollStatus(userID: enrollment.userID, activationCode: "duo://wrong") == .invalid)
        #expect(try await harness.client.enrollStatus(userID: enrollment.userID, activationCode: enrollment.activationCode) == .success)
        let generated = try await harness.client.enroll()
        #expect(!generated.username.isEmpty)
    }

    @Test(arguments: versions)
    func logo(_ version: DuoSignatureVersion) async throws {
        let harness = try await Harness(version: version)
        await #expect(throws: DuoAuthError.self) { try await harness.client.logo() }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        await harness.api.setLogo(png)
        let logo = try await harness.client.logo()
        #expect(logo.data == png && logo.contentType == "image/png")
    }

    @Test func unknownValuesDecodeAsUnknown() {
        #expect(DuoAuthStatus(rawValue: "brand_new") == .unknown("brand_new"))
        #expect(DuoPreauthResult(rawValue: "auth") == .auth)
        #expect(DuoEnrollmentStatus(rawValue: "expired") == .unknown("expired"))
        #expect(DuoDeviceCapability(rawValue: "mobile_otp") == .mobileOTP)
        #expect(DuoDeviceType(rawValue: "u2f") == .unknown("u2f"))
        #expect(DuoAuthResult(rawValue: "waiting") == .waiting)
    }

    @Test func secretsNeverShow() async throws {
        let harness = try await Harness()
        var dumped = ""
        dump(harness.client, to: &dumped)
        dump(harness.client.configuration, to: &dumped)
        let factor = DuoAuthFactor.passcode("987654")
        dump(factor, to: &dumped)
        let request = DuoAuthRequest(user: .username("u"), factor: factor)
        dump(request, to: &dumped)
        dumped += String(describing: request) + String(reflecting: request)
        for text in [dumped, harness.client.description, String(reflecting: harness.client.configuration), factor.description, String(reflecting: factor)] {
            #expect(!text.contains(Fake.skey))
            #expect(!text.contains("987654"))
        }
    }
}

/// A host clock far off is refused by Duo; the measured offset corrects it.
struct ClockOffsetTests {
    @Test func skewedClockIsRefusedThenCorrected() async throws {
        let (duo, api) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        _ = api
        let skewed = FixedWallClock(Date().addingTimeInterval(-3600))
        let configuration = try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        let wrong = DuoAuthClient(configuration: configuration, transport: duo, clock: skewed)
        await #expect { try await wrong.check() } throws: { ($0 as? DuoAuthError)?.apiFailure?.code == 40105 }
        let offset = try await wrong.measureClockOffset()
        #expect(abs(offset - 3600) <= 2)
        let fixed = DuoAuthClient(configuration: configuration, transport: duo, clock: OffsetWallClock(base: skewed, offset: offset))
        _ = try await fixed.check()
    }
}

/// The fake verifies what Duo verifies: X-Duo headers under v5, SHA-1 v2, tampering.
struct FakeVerificationTests {
    func send(_ duo: FakeDuo, version: DuoSignatureVersion, headers: [(String, String)] = [], tamper: Bool = false) async throws -> HTTPResponse {
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Fake.ikey), secretKey: try SecretKey(Fake.skey), version: version)
        var request = try signer.signedRequest(method: .get, host: try APIHost(Fake.host), path: "/auth/v2/check",
                                               parameters: ["probe": "a b~*"], date: Date(), xDuoHeaders: headers)
        if tamper, let first = headers.first { request.headers.replaceOrAdd(name: first.0, value: first.1 + "!") }
        return try await duo.send(request)
    }

    @Test func xDuoHeadersSHA1AndTampering() async throws {
        let (duo, api) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        #expect(try await send(duo, version: .v5, headers: [("X-Duo-Client-Tag", "swift test")]).status == 200)
        #expect(try await send(duo, version: .v5, headers: [("X-Duo-Client-Tag", "swift test")], tamper: true).status == 401)
        #expect(try await send(duo, version: .v2(.sha1)).status == 200)
        #expect(await api.verifiedSignatureVersions == [5, 2])
        #expect(await api.lastParameters["probe"] == "a b~*")
    }

    @Test func staleDateIsRefused() async throws {
        let (duo, _) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        let signer = DuoRequestSigner(integrationKey: try IntegrationKey(Fake.ikey), secretKey: try SecretKey(Fake.skey))
        let request = try signer.signedRequest(method: .get, host: try APIHost(Fake.host), path: "/auth/v2/check", parameters: [:],
                                               date: Date().addingTimeInterval(-600))
        #expect(try await duo.send(request).status == 401)
    }

    @Test func unknownUsersCanBeRejected() async throws {
        let harness = try await Harness()
        await harness.duo.setRejectsUnknownUsers(true)
        #expect(try await harness.client.preauth(.username("stranger")).result == .deny)
    }
}
