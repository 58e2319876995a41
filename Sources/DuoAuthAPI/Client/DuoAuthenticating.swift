/// The Auth API operations of ``DuoAuthClient``, as a protocol so applications can put a double
/// in front of their push and passcode flows in tests.
public protocol DuoAuthenticating: Sendable {
    /// `GET /auth/v2/ping` (unsigned): Duo is reachable.
    func ping() async throws(DuoAuthError) -> DuoServerTime
    /// `GET /auth/v2/check`: the keys and signature are accepted.
    func check() async throws(DuoAuthError) -> DuoServerTime
    /// `POST /auth/v2/preauth`: can this user authenticate, and with what?
    func preauth(_ user: DuoUser, options: DuoPreauthOptions) async throws(DuoAuthError) -> DuoPreauthResponse
    /// `POST /auth/v2/auth`, synchronous: waits for the user's final answer.
    func auth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> DuoAuthResponse
    /// `POST /auth/v2/auth` with `async=1`: returns the transaction id at once.
    func startAuth(_ request: DuoAuthRequest) async throws(DuoAuthError) -> String
    /// `GET /auth/v2/auth_status`: one long poll of an asynchronous authentication.
    func authStatus(txid: String) async throws(DuoAuthError) -> DuoAuthResponse
    /// `POST /auth/v2/enroll`: creates a user and an activation code.
    func enroll(username: String?, validFor seconds: Int?) async throws(DuoAuthError) -> DuoEnrollment
    /// `POST /auth/v2/enroll_status`: whether an activation code was used.
    func enrollStatus(userID: String, activationCode: String) async throws(DuoAuthError) -> DuoEnrollmentStatus
}
