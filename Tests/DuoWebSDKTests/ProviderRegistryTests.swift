import DuoCore
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The provider registry: health-checked saving, enabling, the shared transport.
struct ProviderRegistryTests {
    static let clock = FixedWallClock(secondsSince1970: 1_700_000_000)
    static let otherSecret = "0123456789abcdef0123456789abcdef01234567"

    static func provider(_ name: String = "Staff", host: String = Py.host, secret: String = Py.secret, enabled: Bool = true) throws -> DuoProvider {
        try DuoProvider(name: name, isEnabled: enabled, apiHost: host, clientID: Py.clientID, clientSecret: secret,
                        redirectURI: "https://sso.example.edu/duo/callback")
    }

    static func fakeRegistry() throws -> (FakeDuo, DuoProviderRegistry) {
        let fake = try FakeDuo(clientID: Py.clientID, clientSecret: Py.secret, apiHost: Py.host.lowercased(), clock: clock)
        return (fake, DuoProviderRegistry(transport: fake, clock: clock))
    }

    @Test func healthyProviderIsSaved() async throws {
        let (fake, registry) = try Self.fakeRegistry()
        let registration = try await registry.register(try Self.provider())
        #expect(registration.healthCheck.timestamp == 1_700_000_000)
        #expect(registration.provider.name == "Staff")
        #expect(!registration.description.contains(Py.secret))
        #expect(await registry.providers.map(\.name) == ["Staff"])
        let requests = await fake.requests
        #expect(requests.map(\.url.path) == ["/oauth/v1/health_check"])
    }

    @Test func failingHealthCheckStoresNothing() async throws {
        let (fake, registry) = try Self.fakeRegistry()
        let error = await #expect(throws: DuoProviderError.healthCheckFailed) {
            try await registry.register(try Self.provider(secret: Self.otherSecret))
        }
        #expect(error?.underlyingWebError == .healthCheckFailed)
        #expect(error?.underlyingWebError?.duoCode == "40002")
        #expect(error?.providerName == "Staff")
        #expect(error?.recoverySuggestion?.contains("40002") == true)
        #expect(error.map { "\($0)" }?.contains(Self.otherSecret) == false)
        #expect(await registry.providers.isEmpty)
        #expect(await registry.provider(named: "Staff") == nil)
        #expect(await fake.requests.count == 1)
        // The name was not kept: the corrected provider saves.
        try await registry.register(try Self.provider())
        #expect(await registry.providers.count == 1)
    }

    @Test func unreachableOrBrokenDuoRefusesTheProvider() async throws {
        let mock = MockHTTPTransport(answers: [.failure(.timedOut)])
        await mock.enqueue(status: 500, json: "{}")
        await mock.enqueue(status: 200, json: "not json")
        let registry = DuoProviderRegistry(transport: mock, clock: Self.clock)
        let kinds: [DuoWebError] = [.transport, .unexpectedHTTPStatus, .malformedResponse]
        for kind in kinds {
            let error = await #expect(throws: DuoProviderError.healthCheckFailed) { try await registry.register(try Self.provider()) }
            #expect(error?.underlyingWebError == kind)
        }
        #expect(await registry.providers.isEmpty)
        #expect(await mock.requests.count == 3)
    }

    @Test func namesAreUniqueIgnoringCase() async throws {
        let (fake, registry) = try Self.fakeRegistry()
        try await registry.register(try Self.provider("Staff"))
        let error = await #expect(throws: DuoProviderError.duplicateName) { try await registry.register(try Self.provider("STAFF")) }
        #expect(error?.field == "name")
        // Refused before any request to Duo.
        #expect(await fake.requests.count == 1)
        #expect(await registry.provider(named: "sTaFf")?.name == "Staff")
    }

    @Test func concurrentSavesOfOneNameStoreOne() async throws {
        let (_, registry) = try Self.fakeRegistry()
        let first = try Self.provider("Staff"), second = try Self.provider("staff")
        @Sendable func save(_ provider: DuoProvider) async -> DuoProviderError? {
            do { try await registry.register(provider); return nil } catch { return error }
        }
        async let one = save(first)
        async let two = save(second)
        let failures = await [one, two].compactMap { $0 }
        #expect(failures == [DuoProviderError.duplicateName])
        #expect(await registry.providers.count == 1)
    }

    @Test func disabledProviderCannotBeUsed() async throws {
        let (_, registry) = try Self.fakeRegistry()
        try await registry.register(try Self.provider(enabled: false))
        let error = await #expect(throws: DuoProviderError.providerDisabled) { try await registry.client(forProviderNamed: "Staff") }
        #expect(error?.providerName == "Staff")
        #expect(error?.recoverySuggestion?.contains("Enable") == true)
        #expect(await registry.enabledProviders.isEmpty)

        try await registry.enable(providerNamed: "staff")
        let client = try await registry.client(forProviderNamed: "Staff")
        #expect(client.configuration.clientID.rawValue == Py.clientID)
        #expect(await registry.enabledProviders.map(\.name) == ["Staff"])

        try await registry.disable(providerNamed: "Staff")
        await #expect(throws: DuoProviderError.providerDisabled) { try await registry.client(forProviderNamed: "Staff") }
    }

    @Test func unknownAndRemovedProviders() async throws {
        let (_, registry) = try Self.fakeRegistry()
        await #expect(throws: DuoProviderError.unknownProvider) { try await registry.client(forProviderNamed: "Nobody") }
        await #expect(throws: DuoProviderError.unknownProvider) { try await registry.enable(providerNamed: "Nobody") }
        await #expect(throws: DuoProviderError.unknownProvider) { try await registry.checkHealth(ofProviderNamed: "Nobody") }
        try await registry.register(try Self.provider())
        let removed = try await registry.remove(providerNamed: "STAFF")
        #expect(removed.name == "Staff")
        await #expect(throws: DuoProviderError.unknownProvider) { try await registry.client(forProviderNamed: "Staff") }
        await #expect(throws: DuoProviderError.unknownProvider) { try await registry.remove(providerNamed: "Staff") }
        // A name that is not a plausible name is not echoed back.
        let error = await #expect(throws: DuoProviderError.unknownProvider) { try await registry.client(forProviderNamed: "<script>") }
        #expect(error?.providerName == nil)
    }

    @Test func providersShareOneTransport() async throws {
        let mock = MockHTTPTransport()
        let hosts = ["api-one.duosecurity.com", "api-two.duosecurity.com", "127.0.0.1:8443"]
        for _ in 0..<(hosts.count + 1) { await mock.enqueue(status: 200, json: #"{"stat":"OK","response":{"timestamp":1700000000}}"#) }
        let registry = DuoProviderRegistry(transport: mock, clock: Self.clock)
        #expect(registry.transport as? MockHTTPTransport === mock)
        for (index, host) in hosts.enumerated() {
            try await registry.register(try Self.provider("Provider \(index)", host: host))
        }
        // A client handed out later uses the same transport instance.
        _ = try await registry.client(forProviderNamed: "Provider 1").healthCheck()
        let seen = await mock.requests.map { request in request.url.host.map { host in host + (request.url.port.map { ":\($0)" } ?? "") } ?? "" }
        #expect(seen == hosts + ["api-two.duosecurity.com"])
    }

    @Test func defaultRegistryCreatesOneCurlTransport() throws {
        let registry = try DuoProviderRegistry()
        #expect(registry.transport is CurlTransport)
        let error = #expect(throws: DuoProviderError.transportUnavailable) {
            try DuoProviderRegistry(transportConfiguration: TransportConfiguration(trust: .customRootsFile(path: "/nonexistent/ca.pem")))
        }
        #expect(error?.recoverySuggestion?.isEmpty == false)
    }

    @Test func registersAFileProviderByProvider() async throws {
        let (_, registry) = try Self.fakeRegistry()
        let url = try #require(fixtureURL("providers.json"))
        let providers = try DuoProvider.load(contentsOf: url, environment: ["STUDENTS_DUO_SECRET": ProviderLoadingTests.studentsSecret])
        let outcomes = await registry.register(contentsOf: providers)
        #expect(outcomes.count == 3)
        guard case .success(let staff) = outcomes[0] else { Issue.record("Staff should register"); return }
        #expect(staff.provider.name == "Staff")
        // FakeDuo serves only Staff's host: the others fail their health check and are not stored.
        for outcome in outcomes.dropFirst() {
            guard case .failure(let error) = outcome else { Issue.record("expected a failure"); continue }
            #expect(error == .healthCheckFailed)
            #expect(error.underlyingWebError == .transport)
        }
        #expect(await registry.providers.map(\.name) == ["Staff"])
    }

    @Test func savedProviderCanBeTestedAgain() async throws {
        let (fake, registry) = try Self.fakeRegistry()
        try await registry.register(try Self.provider())
        #expect(try await registry.checkHealth(ofProviderNamed: "Staff").timestamp == 1_700_000_000)
        await fake.setFault(.httpStatus(503), on: "/oauth/v1/health_check")
        let error = await #expect(throws: DuoProviderError.healthCheckFailed) { try await registry.checkHealth(ofProviderNamed: "Staff") }
        #expect(error?.underlyingWebError == .unexpectedHTTPStatus)
        // A failed re-test does not remove or disable anything.
        #expect(await registry.provider(named: "Staff")?.isEnabled == true)
    }
}
