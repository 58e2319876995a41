import DuoTesting
import DuoCore
import DuoEmulator
import DuoWebSDK
import Foundation
import Hummingbird

/// Sign-in: password, remembered browser or Duo, callback, granted.
extension LoginDemo {
    func home(_ request: Request) async -> Response {
        let context = await context(for: request)
        if context.session.signedIn != nil { return finish(Self.redirect("/granted"), context) }
        let allowsRemember = await rememberedBrowsers.policy.allowsRememberedBrowsers
        return finish(Self.page(title: "Sign in", body: DemoPages.login(csrf: context.session.csrfToken, offerRemember: allowsRemember, error: nil)), context)
    }

    func login(_ request: Request) async -> Response {
        let form = await Self.form(request)
        var context = await context(for: request)
        guard Self.csrfHolds(form, context) else { return finish(DemoPages.forbidden(), context) }
        let username = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let allowsRemember = await rememberedBrowsers.policy.allowsRememberedBrowsers
        guard directory.verify(username: username, password: form["password"] ?? "") else {
            return finish(Self.page(.unauthorized, title: "Sign in",
                                    body: DemoPages.login(csrf: context.session.csrfToken, offerRemember: allowsRemember,
                                                          error: "That username and password do not match.")), context)
        }
        let providerName = await activeProviderName()
        guard let providerName else {
            return finish(DemoPages.problem(title: "Sign-in is unavailable", what: "No Duo provider is enabled.",
                                            next: "Ask the administrator to enable a provider on the admin page."), context)
        }
        // A remembered browser for this user and provider skips Duo, unless the policy forbids it.
        if let token = request.cookies[Self.rememberCookie]?.value {
            let verdict = await rememberedBrowsers.verify(token: token, username: username, provider: providerName)
            if case .skipDuo(let remembered) = verdict {
                let signedIn = DemoSession.SignedIn(username: username, factor: "remembered browser", device: "this browser",
                                                    location: "-", time: ISO8601DateFormatter().string(from: remembered.issuedAt),
                                                    viaRememberedBrowser: true)
                await sessions.update(context.id) { $0.signedIn = signedIn }
                return finish(Self.redirect("/granted"), context)
            }
        }
        do {
            let client = try await registry.client(forProviderNamed: providerName)
            let state = client.generateState(), nonce = client.generateNonce()
            let url = try client.authorizationURL(username: username, state: state, options: AuthorizationOptions(nonce: nonce))
            await sessions.update(context.id) {
                $0.pendingUsername = username
                $0.duoState = state
                $0.duoNonce = nonce
                $0.provider = providerName
                $0.wantsRemember = form["remember"] == "on"
            }
            context.session.duoState = state
            return finish(Self.redirect(browserURL(url)), context)
        } catch let error as DuoProviderError {
            return finish(DemoPages.problem(title: "Duo is unavailable", what: error.errorDescription, next: error.recoverySuggestion), context)
        } catch let error as DuoWebError {
            return finish(DemoPages.problem(title: "Duo is unavailable", what: error.errorDescription, next: error.recoverySuggestion), context)
        } catch {
            return finish(DemoPages.problem(title: "Duo is unavailable", what: "The sign-in could not start.", next: nil), context)
        }
    }

    /// The embedded emulator serves plain HTTP on loopback; DuoWebClient always builds `https`
    /// URLs for Duo, so the browser's copy is rewritten for the emulator only.
    func browserURL(_ url: URL) -> String {
        let text = url.absoluteString
        guard let emulator, text.hasPrefix(emulator.duo.baseURL) else { return text }
        return emulator.publicBaseURL + text.dropFirst(emulator.duo.baseURL.count)
    }

    func callback(_ request: Request) async -> Response {
        let context = await context(for: request)
        let session = context.session
        // The state is used once: cleared before anything else, so a replayed callback finds none.
        await sessions.update(context.id) { $0.duoState = nil; $0.duoNonce = nil }
        guard let expectedState = session.duoState, let username = session.pendingUsername, let providerName = session.provider else {
            return finish(DemoPages.problem(title: "This sign-in link has already been used",
                                            what: "The Duo answer does not belong to a sign-in in progress in this browser.",
                                            next: "Go back to the start page and sign in again."), context)
        }
        do {
            let client = try await registry.client(forProviderNamed: providerName)
            let callback = try client.callback(query: request.uri.query ?? "", expectedState: expectedState)
            let authorization = try await client.exchangeAuthorizationCode(callback.code, username: username, nonce: session.duoNonce)
            guard authorization.isAllowed else {
                let timedOut = authorization.result.status == "timeout"
                return finish(DemoPages.problem(title: timedOut ? "Duo timed out" : "Access denied",
                                                what: authorization.explanation ?? "Duo did not allow this sign-in.",
                                                next: authorization.nextStep), context)
            }
            let auth = authorization.context
            let location = [auth?.authDevice?.location?.city, auth?.authDevice?.location?.state, auth?.authDevice?.location?.country]
                .compactMap { $0 }.joined(separator: ", ")
            let signedIn = DemoSession.SignedIn(username: username, factor: auth?.factor ?? "unknown", device: auth?.authDevice?.name ?? "unknown",
                                                location: location.isEmpty ? "unknown" : location,
                                                time: auth?.isoTimestamp ?? "unknown", viaRememberedBrowser: false)
            await sessions.update(context.id) { $0.signedIn = signedIn; $0.pendingUsername = nil }
            var response = Self.redirect("/granted")
            if session.wantsRemember, let token = try? await rememberedBrowsers.issue(username: username, provider: providerName, after: authorization) {
                response.setCookie(Cookie(name: Self.rememberCookie, value: token.value, maxAge: token.maxAge, path: "/", httpOnly: true, sameSite: .lax))
            }
            return finish(response, context)
        } catch let error as DuoWebError {
            return finish(DemoPages.problem(title: "Sign-in failed", what: error.errorDescription, next: error.recoverySuggestion), context)
        } catch let error as DuoProviderError {
            return finish(DemoPages.problem(title: "Sign-in failed", what: error.errorDescription, next: error.recoverySuggestion), context)
        } catch {
            return finish(DemoPages.problem(title: "Sign-in failed", what: "Duo's answer could not be checked.", next: nil), context)
        }
    }

    func granted(_ request: Request) async -> Response {
        let context = await context(for: request)
        guard let signedIn = context.session.signedIn else { return finish(Self.redirect("/"), context) }
        return finish(Self.page(title: "Access granted", body: DemoPages.granted(signedIn, csrf: context.session.csrfToken)), context)
    }

    func logout(_ request: Request) async -> Response {
        let form = await Self.form(request)
        let context = await context(for: request)
        guard Self.csrfHolds(form, context) else { return finish(DemoPages.forbidden(), context) }
        await sessions.remove(context.id)
        return Self.redirect("/")
    }

    /// The first enabled provider, in registration order.
    func activeProviderName() async -> String? {
        await registry.providers.first { $0.isEnabled }?.name
    }
}
