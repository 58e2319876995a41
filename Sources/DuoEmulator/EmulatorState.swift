#if Emulator
import DuoCore
import DuoOTP
public import DuoTesting
import Foundation

/// The emulator's memory beyond `FakeDuo`: prompts on screen, users' phones, and
/// enrollments in progress. Whether a user is enrolled is not kept here but in the fake's user
/// directory, the one state the prompt and the Auth API share.
public actor EmulatorState {
    private var prompts: [String: FakeDuoAuthorizationRequest] = [:]
    private var devices: [String: EmulatedDevice] = [:]
    private var enrollments: [String: OTPAuthURI] = [:]
    private let duo: FakeDuo
    private let issuer: String
    private var networkFaults: [String: EmulatorNetworkFault] = [:]
    private var requestCounts: [String: Int] = [:]

    /// Creates the state for a fake: users its directory marks unenrolled have no phone until
    /// they enroll, everyone else gets one on first sight.
    public init(duo: FakeDuo, issuer: String) {
        self.duo = duo
        self.issuer = issuer
    }

    /// Injects a network fault on a path until cleared (`nil`).
    public func setNetworkFault(_ fault: EmulatorNetworkFault?, on path: String) { networkFaults[path] = fault }

    /// How many requests the emulator received on a path (counted before any fault is applied).
    public func requestCount(on path: String) -> Int { requestCounts[path, default: 0] }

    /// Counts a request and returns the network fault set on its path, if any.
    func receive(_ path: String) -> EmulatorNetworkFault? {
        requestCounts[path, default: 0] += 1
        return networkFaults[path]
    }

    /// Remembers a validated prompt and returns its handle.
    func openPrompt(_ request: FakeDuoAuthorizationRequest) -> String {
        let id = SecureRandom.nonce()
        prompts[id] = request
        return id
    }

    /// The prompt behind a handle.
    func prompt(_ id: String) -> FakeDuoAuthorizationRequest? { prompts[id] }

    /// Forgets a prompt once it has redirected back.
    func closePrompt(_ id: String) { prompts[id] = nil }

    /// The user's phone, creating one for an enrolled user seen for the first time; `nil` for a
    /// user the fake's directory marks unenrolled.
    public func device(for username: String) async -> EmulatedDevice? {
        guard await duo.users.isEnrolled(username) else { return nil }
        if let device = devices[username] { return device }
        guard let key = try? Self.newKey(account: username, issuer: issuer) else { return nil }
        let device = EmulatedDevice(name: "iPhone", key: key)
        devices[username] = device
        return device
    }

    /// All phones, by username.
    public func allDevices() -> [(username: String, device: EmulatedDevice)] {
        devices.sorted { $0.key < $1.key }.map { (username: $0.key, device: $0.value) }
    }

    /// The key being enrolled for a user, created on first call.
    func enrollmentKey(for username: String) -> OTPAuthURI? {
        if let key = enrollments[username] { return key }
        guard let key = try? Self.newKey(account: username, issuer: issuer) else { return nil }
        enrollments[username] = key
        return key
    }

    /// Finishes an enrollment when `passcode` is the key's current code.
    func completeEnrollment(for username: String, passcode: String, at unixTime: UInt64) async -> Bool {
        guard let key = enrollments[username],
              case .accepted(let step) = Self.verify(passcode, key: key, at: unixTime, lastAcceptedStep: nil) else { return false }
        var device = EmulatedDevice(name: "Duo Mobile", key: key)
        device.lastAcceptedStep = step
        devices[username] = device
        enrollments[username] = nil
        await duo.setEnrolled(true, for: username)
        return true
    }

    /// Checks a passcode against the user's phone, once per time step.
    func verifyPasscode(_ passcode: String, for username: String, at unixTime: UInt64) -> Bool {
        guard var device = devices[username],
              case .accepted(let step) = Self.verify(passcode, key: device.key, at: unixTime, lastAcceptedStep: device.lastAcceptedStep)
        else { return false }
        device.lastAcceptedStep = step
        devices[username] = device
        return true
    }

    static func verify(_ passcode: String, key: OTPAuthURI, at unixTime: UInt64, lastAcceptedStep: UInt64?) -> TOTPVerification? {
        guard let generator = try? key.totpGenerator(), let verifier = try? TOTPVerifier(generator: generator, window: 1) else { return nil }
        return verifier.verify(passcode, at: unixTime, lastAcceptedStep: lastAcceptedStep)
    }

    static func newKey(account: String, issuer: String) throws(OTPError) -> OTPAuthURI {
        try OTPAuthURI(account: account, issuer: issuer, secret: OTPSecret.random())
    }
}
#endif
