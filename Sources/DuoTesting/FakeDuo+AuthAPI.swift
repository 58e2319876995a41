public import DuoCore

extension FakeDuo {
    /// Installs Duo's Auth API v2 (``FakeDuoAuthAPI``) beside the Universal Prompt endpoints,
    /// sharing this fake's routing, users and faults.
    ///
    /// - Parameters:
    ///   - integrationKey: The ikey it accepts.
    ///   - secretKey: The skey it verifies signatures with.
    /// - Returns: The Auth API state, for scripting accounts and inspecting requests.
    public func installAuthAPI(integrationKey: String, secretKey: String) async throws(DuoError) -> FakeDuoAuthAPI {
        let api = try FakeDuoAuthAPI(integrationKey: integrationKey, secretKey: secretKey, apiHost: apiHost, clock: clock)
        await api.install(on: self)
        return api
    }

    /// Sets whether unknown usernames are refused (Universal Prompt: deny; Auth API: locked out).
    public func setRejectsUnknownUsers(_ rejects: Bool) { users.rejectsUnknownUsers = rejects }
}
