import DuoTransport
import DuoWebSDK
import Foundation

// Documentation/PrivilegedAccessProvider.md ("Saving the form") and Documentation/IdentityTenant.md
// ("The login decision"): the guides' snippets, compiled here so they keep matching the public
// API. Compiled only; the behaviour is tested in ProviderRegistryTests and RememberedBrowserTests.

/// The admin form of PrivilegedAccessProvider.md.
struct DuoProviderForm: Sendable {
    var name = "", enabled = true, apiHost = "", clientID = "", clientSecret = ""
}

/// What the admin page shows after Save.
enum SaveOutcome: Sendable {
    case saved(String)
    case invalid(field: String?, message: String, help: String?)
}

@available(*, deprecated, message: "compiled only; never called")
func saveProvider(_ form: DuoProviderForm, registry: DuoProviderRegistry) async -> SaveOutcome {
    do {
        let provider = try DuoProvider(name: form.name, isEnabled: form.enabled, apiHost: form.apiHost,
                                       clientID: form.clientID, clientSecret: form.clientSecret,
                                       redirectURI: "https://pam.example.com/mfa/duo/callback")
        let registration = try await registry.register(provider)   // health check first; nothing stored on failure
        return .saved("Saved \(registration.provider.name); Duo's health check passed.")
    } catch {
        // error.field names the input to highlight; the texts never contain the secret.
        return .invalid(field: error.field, message: error.errorDescription ?? "The provider was not saved.",
                        help: error.recoverySuggestion)
    }
}

/// IdentityTenant.md: skip Duo only for a remembered browser, and only while the policy allows it.
@available(*, deprecated, message: "compiled only; never called")
func needsDuo(cookie: String?, username: String, browsers: RememberedBrowserStore) async -> Bool {
    guard let cookie else { return true }
    switch await browsers.verify(token: cookie, username: username, provider: "Duo") {
    case .skipDuo: return false
    case .duoRequired: return true          // clear the cookie; log the reason, never the token
    }
}

@available(*, deprecated, message: "compiled only; never called")
func forceDuoEveryTime(browsers: RememberedBrowserStore) async {
    await browsers.setPolicy(.alwaysRequireDuo)
}

@available(*, deprecated, message: "compiled only; never called")
func rememberAfterAllow(browsers: RememberedBrowserStore, username: String,
                        authorization: DuoAuthorization) async throws -> RememberedBrowserToken {
    try await browsers.issue(username: username, provider: "Duo", after: authorization)
}

// PrivilegedAccessProvider.md, "Proxies" and "Using the provider at login".
@available(*, deprecated, message: "compiled only; never called")
func providerRegistryBehindProxy(proxyURL: URL, proxyPassword: String) async throws -> DuoWebClient {
    var transport = TransportConfiguration()
    transport.proxy = ProxyConfiguration(url: proxyURL, username: "svc-duo", password: proxyPassword)
    let registry = try DuoProviderRegistry(transportConfiguration: transport)
    let duo = try await registry.client(forProviderNamed: "Duo – Admins")
    return duo
}
