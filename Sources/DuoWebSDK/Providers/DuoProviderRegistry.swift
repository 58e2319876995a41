public import DuoCore
public import DuoTransport
public import Logging

/// The Duo providers of a relying party: a privileged-access product's "MFA > Providers" page.
///
/// Providers are kept in registration order and named uniquely, ignoring case. Saving one
/// (``register(_:)``) first runs Duo's health check with its credentials and refuses it when the
/// check fails, like the page's Save button; nothing is stored then. A disabled provider stays
/// listed but ``client(forProviderNamed:)`` refuses it with ``DuoProviderError/providerDisabled``.
///
/// Every provider talks to Duo through the **one** ``transport`` given at creation (or one
/// `CurlTransport` made once), so connections, trust settings and limits are shared.
///
/// ```swift
/// let registry = try DuoProviderRegistry()                    // one CurlTransport, Duo's pinned roots
/// for outcome in await registry.register(contentsOf: try DuoProvider.load(contentsOf: providersFile)) {
///     if case .failure(let error) = outcome { logger.error("\(error)") }
/// }
/// let duo = try await registry.client(forProviderNamed: "Staff")  // a DuoWebClient
/// ```
public actor DuoProviderRegistry {
    /// The transport every provider's requests go through.
    public nonisolated let transport: any HTTPTransport
    /// The time source handed to every provider's client.
    public nonisolated let clock: any WallClock
    private let logger: Logger

    private var stored: [DuoProvider] = []
    /// Names (lower-cased) whose registration is waiting for its health check, so that two
    /// concurrent saves of the same name cannot both succeed.
    private var pending: Set<String> = []

    /// Creates an empty registry over a transport.
    ///
    /// - Parameters:
    ///   - transport: The transport all providers share (`CurlTransport` in production,
    ///     `FakeDuo` or `MockHTTPTransport` in tests).
    ///   - clock: The time source for JWTs and id_token checks (default the system clock).
    ///   - logger: Registration outcomes by provider name and result kind; never secrets.
    public init(transport: any HTTPTransport, clock: any WallClock = SystemWallClock(), logger: Logger = .duoDisabled) {
        self.transport = transport
        self.clock = clock
        self.logger = logger
    }

    /// Creates an empty registry over one new `CurlTransport`, shared by every provider.
    ///
    /// - Parameters:
    ///   - transportConfiguration: Trust, proxy and timeouts (default: Duo's pinned roots, 30 s).
    ///   - clock: The time source (default the system clock).
    ///   - logger: The logger (default: disabled).
    /// - Throws: ``DuoProviderError/transportUnavailable`` when the settings are unusable.
    public init(
        transportConfiguration: TransportConfiguration = TransportConfiguration(),
        clock: any WallClock = SystemWallClock(), logger: Logger = .duoDisabled
    ) throws(DuoProviderError) {
        let transport: CurlTransport
        do { transport = try CurlTransport(configuration: transportConfiguration) } catch let error as TransportError {
            throw .kind(.transportUnavailable, reason: error.reason ?? error.errorDescription)
        } catch {
            throw .kind(.transportUnavailable, reason: "the transport failed: \(type(of: error))")
        }
        self.init(transport: transport, clock: clock, logger: logger)
    }

    // MARK: Reading

    /// Every provider, enabled or not, in registration order.
    public var providers: [DuoProvider] { stored }

    /// The enabled providers, in registration order.
    public var enabledProviders: [DuoProvider] { stored.filter(\.isEnabled) }

    /// The provider with a name, compared ignoring case.
    ///
    /// - Parameter name: The provider's name.
    /// - Returns: The provider, or `nil`.
    public func provider(named name: String) -> DuoProvider? {
        stored.first { $0.key == name.asciiLowercased }
    }

    // MARK: Saving

    /// Runs Duo's health check with a provider's credentials over the shared transport, without
    /// saving anything (a "Test" button).
    ///
    /// - Parameter provider: The provider to test.
    /// - Returns: Duo's answer.
    /// - Throws: ``DuoProviderError/healthCheckFailed`` with the ``DuoWebError`` behind it
    ///   (`healthCheckFailed` with Duo's code, `transport`, `rateLimited`, ...).
    public func checkHealth(of provider: DuoProvider) async throws(DuoProviderError) -> HealthCheckResult {
        let client = try makeClient(provider)
        do {
            return try await client.healthCheck()
        } catch {
            logger.debug("duo provider health check failed", metadata: ["provider": "\(provider.name)", "kind": "\(error.kindName)"])
            throw .kind(.healthCheckFailed, reason: nil, name: provider.name, underlying: error)
        }
    }

    /// Saves a provider after its health check passes ("Save").
    ///
    /// The name is checked for uniqueness before and after the health check; a failed check
    /// stores nothing. A provider saved disabled is checked too, so that enabling it later
    /// enables working credentials.
    ///
    /// - Parameter provider: The provider to save.
    /// - Returns: The saved provider with Duo's health-check answer.
    /// - Throws: ``DuoProviderError/duplicateName`` or ``DuoProviderError/healthCheckFailed``.
    @discardableResult
    public func register(_ provider: DuoProvider) async throws(DuoProviderError) -> DuoProviderRegistration {
        let key = provider.key
        guard self.provider(named: key) == nil, !pending.contains(key) else {
            throw .kind(.duplicateName, reason: nil, field: "name", name: provider.name)
        }
        pending.insert(key)
        defer { pending.remove(key) }
        let health = try await checkHealth(of: provider)
        // The actor may have run other calls during the check; the reservation kept the name free.
        guard self.provider(named: key) == nil else {
            throw .kind(.duplicateName, reason: nil, field: "name", name: provider.name)
        }
        stored.append(provider)
        logger.info("duo provider registered", metadata: ["provider": "\(provider.name)", "enabled": "\(provider.isEnabled)"])
        return DuoProviderRegistration(provider: provider, healthCheck: health)
    }

    /// Saves several providers one by one (for example those of a providers file), each after its
    /// own health check; one failure does not stop the others.
    ///
    /// - Parameter providers: The providers, in order.
    /// - Returns: One outcome per provider, in the same order.
    public func register(contentsOf providers: [DuoProvider]) async -> [Result<DuoProviderRegistration, DuoProviderError>] {
        var outcomes: [Result<DuoProviderRegistration, DuoProviderError>] = []
        for provider in providers {
            do { outcomes.append(.success(try await register(provider))) } catch { outcomes.append(.failure(error)) }
        }
        return outcomes
    }

    /// Runs the health check of a saved provider again (a "Test" button on its row).
    ///
    /// - Parameter name: The provider's name.
    /// - Returns: Duo's answer.
    /// - Throws: ``DuoProviderError/unknownProvider`` or ``DuoProviderError/healthCheckFailed``.
    public func checkHealth(ofProviderNamed name: String) async throws(DuoProviderError) -> HealthCheckResult {
        try await checkHealth(of: try existing(name))
    }

    // MARK: Changing

    /// Enables or disables a saved provider.
    ///
    /// - Parameters:
    ///   - isEnabled: The new state.
    ///   - name: The provider's name.
    /// - Returns: The provider as now stored.
    /// - Throws: ``DuoProviderError/unknownProvider``.
    @discardableResult
    public func setEnabled(_ isEnabled: Bool, forProviderNamed name: String) throws(DuoProviderError) -> DuoProvider {
        guard let index = stored.firstIndex(where: { $0.key == name.asciiLowercased }) else { throw unknown(name) }
        stored[index].isEnabled = isEnabled
        logger.info("duo provider \(isEnabled ? "enabled" : "disabled")", metadata: ["provider": "\(stored[index].name)"])
        return stored[index]
    }

    /// Enables a saved provider.
    ///
    /// - Parameter name: The provider's name.
    /// - Throws: ``DuoProviderError/unknownProvider``.
    public func enable(providerNamed name: String) throws(DuoProviderError) { try setEnabled(true, forProviderNamed: name) }

    /// Disables a saved provider: it stays listed, but can no longer sign anyone in.
    ///
    /// - Parameter name: The provider's name.
    /// - Throws: ``DuoProviderError/unknownProvider``.
    public func disable(providerNamed name: String) throws(DuoProviderError) { try setEnabled(false, forProviderNamed: name) }

    /// Removes a saved provider.
    ///
    /// - Parameter name: The provider's name.
    /// - Returns: The removed provider.
    /// - Throws: ``DuoProviderError/unknownProvider``.
    @discardableResult
    public func remove(providerNamed name: String) throws(DuoProviderError) -> DuoProvider {
        guard let index = stored.firstIndex(where: { $0.key == name.asciiLowercased }) else { throw unknown(name) }
        logger.info("duo provider removed", metadata: ["provider": "\(stored[index].name)"])
        return stored.remove(at: index)
    }

    // MARK: Using

    /// The Universal Prompt client of an enabled provider, over the shared transport.
    ///
    /// - Parameter name: The provider's name.
    /// - Returns: A client configured with the provider's credentials and the registry's clock.
    /// - Throws: ``DuoProviderError/unknownProvider``, or ``DuoProviderError/providerDisabled``.
    public func client(forProviderNamed name: String) throws(DuoProviderError) -> DuoWebClient {
        let provider = try existing(name)
        guard provider.isEnabled else { throw .kind(.providerDisabled, reason: nil, name: provider.name) }
        return try makeClient(provider)
    }

    // MARK: Helpers

    private func existing(_ name: String) throws(DuoProviderError) -> DuoProvider {
        guard let provider = provider(named: name) else { throw unknown(name) }
        return provider
    }

    private func unknown(_ name: String) -> DuoProviderError {
        // The name is echoed only when it is a plausible name, so arbitrary input is not reflected.
        let shown = (try? DuoProvider.validateName(name)) != nil ? name : nil
        return .kind(.unknownProvider, reason: nil, name: shown)
    }

    private nonisolated func makeClient(_ provider: DuoProvider) throws(DuoProviderError) -> DuoWebClient {
        var configuration = provider.configuration(clock: clock)
        configuration.logger = logger
        do { return try DuoWebClient(configuration: configuration, transport: transport) } catch {
            throw .kind(.invalidField, reason: error.reason, field: "redirectURI", name: provider.name, underlying: error)
        }
    }
}

extension DuoProviderRegistry: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `DuoProviderRegistry(providers: <redacted>)`: read ``providers`` for the (redacted) providers.
    public nonisolated var description: String { SafeReflection.description("DuoProviderRegistry", ["providers": SafeReflection.redacted]) }
    /// The same as ``description``.
    public nonisolated var debugDescription: String { description }
    /// The transport only.
    public nonisolated var customMirror: Mirror { SafeReflection.mirror(self, ["transport": transport], style: .class) }
}
