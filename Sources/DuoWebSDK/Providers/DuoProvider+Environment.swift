extension DuoProvider {
    /// Reads one provider from the environment variables of the Universal Prompt commands
    /// (`Documentation/CLI.md`): `DUO_CLIENT_ID`, `DUO_CLIENT_SECRET`, `DUO_API_HOST` and
    /// `DUO_REDIRECT_URI`, all required.
    ///
    /// `DUO_CA_BUNDLE` and `DUO_HTTP_TIMEOUT` describe the transport, not a provider: set them on
    /// the ``DuoProviderRegistry``'s shared transport.
    ///
    /// - Parameters:
    ///   - name: The provider's name (default `default`).
    ///   - isEnabled: Whether it may be used (default `true`).
    ///   - environment: The variables, usually `ProcessInfo.processInfo.environment` (a parameter
    ///     without default, so that `DuoProvider(...)` never reads the environment by surprise).
    /// - Throws: ``DuoProviderError/invalidField`` whose ``DuoProviderError/field`` is the
    ///   variable's name; the secret's value is never shown.
    public init(
        environment: [String: String], name: String = "default", isEnabled: Bool = true
    ) throws(DuoProviderError) {
        let names = FieldNames.environment
        func required(_ variable: String) throws(DuoProviderError) -> String {
            guard let value = environment[variable], !value.isEmpty else {
                throw .field(variable, "is not set (required)", name: name)
            }
            return value
        }
        // The same order as the `duo` commands, so the first problem reported is the same.
        let clientID = try required(names.clientID)
        let secret = try required(names.clientSecret)
        let host = try required(names.apiHost)
        let redirect = try required(names.redirectURI)
        do {
            try self.init(name: name, isEnabled: isEnabled, apiHost: host, clientID: clientID, clientSecret: secret,
                          redirectURI: redirect, fieldNames: names)
        } catch {
            throw error.located(index: nil, name: name)
        }
    }
}
