import DuoEmulator
import DuoWebSDK
import Hummingbird

/// The admin page ("MFA > Providers"): register (health check first), test, enable/disable, and
/// the remembered-browser policy switch. Signed-in users only; every action carries the CSRF token.
extension LoginDemo {
    func admin(_ request: Request, message: String?) async -> Response {
        let context = await context(for: request)
        guard context.session.signedIn != nil else { return finish(Self.redirect("/"), context) }
        let providers = await registry.providers
        let allows = await rememberedBrowsers.policy.allowsRememberedBrowsers
        return finish(Self.page(title: "Admin", body: DemoPages.admin(providers: providers, allowsRemember: allows,
                                                                        csrf: context.session.csrfToken, message: message)), context)
    }

    func adminAction(_ request: Request) async -> Response {
        let form = await Self.form(request)
        let context = await context(for: request)
        guard context.session.signedIn != nil else { return finish(Self.redirect("/"), context) }
        guard Self.csrfHolds(form, context) else { return finish(DemoPages.forbidden(), context) }
        let name = form["name"] ?? ""
        let message: String
        do {
            switch form["action"] {
            case "register":
                let provider = try DuoProvider(name: name, isEnabled: false, apiHost: form["apiHost"] ?? "", clientID: form["clientID"] ?? "",
                                               clientSecret: form["clientSecret"] ?? "", redirectURI: baseURL + "/duo-callback")
                _ = try await registry.register(provider)
                message = "Registered \(name) (disabled until you enable it); its health check passed."
            case "test":
                _ = try await registry.checkHealth(ofProviderNamed: name)
                message = "\(name): Duo answered the health check."
            case "enable":
                try await registry.enable(providerNamed: name)
                message = "\(name) is enabled."
            case "disable":
                try await registry.disable(providerNamed: name)
                message = "\(name) is disabled."
            case "remember-on":
                await rememberedBrowsers.setPolicy(.standard)
                message = "Browsers may be remembered for 30 days."
            case "remember-off":
                await rememberedBrowsers.setPolicy(.alwaysRequireDuo)
                message = "Duo is required at every sign-in; remembered browsers are ignored."
            default:
                message = "Unknown action."
            }
        } catch let error as DuoProviderError {
            message = [error.errorDescription, error.recoverySuggestion].compactMap { $0 }.joined(separator: " ")
        } catch {
            message = "The action failed."
        }
        return await admin(request, message: message)
    }
}
