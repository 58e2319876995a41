import DuoCore
public import DuoEmulator
import DuoTransport
public import DuoWebSDK
import Foundation
public import Hummingbird
import HTTPTypes
import NIOCore

/// The login demo: password, then Duo's Universal Prompt, then "Access granted".
///
/// Everything a relying party needs is here in small form: salted password hashes, signed
/// session cookies, CSRF tokens on every form, `state` checked and used once, the code
/// exchanged once, help-desk text from the SDK's errors, remembered browsers governed by a
/// policy switch, and an admin page over ``DuoWebSDK/DuoProviderRegistry``.
public struct LoginDemo: Sendable {
    /// The name the demo registers its first provider under.
    public static let defaultProvider = "university-duo"
    static let rememberCookie = "duo_remembered"

    /// The demo's address, for example `http://127.0.0.1:8080`.
    public let baseURL: String
    /// The embedded emulator, when no real Duo is configured.
    public let emulator: DuoEmulator?
    /// The providers (one at start).
    public let registry: DuoProviderRegistry
    /// Remembered-browser tokens and the policy switch.
    public let rememberedBrowsers: RememberedBrowserStore
    let sessions = SessionStore()
    let directory = DemoDirectory()

    /// Sets the demo up: the emulator (unless real Duo is configured) and the first provider,
    /// registered through the registry's health check.
    public init(options: LoginDemoOptions) async throws {
        let host = "127.0.0.1:\(options.port)"
        baseURL = "http://\(host)"
        let provider: DuoProvider
        if let real = options.realDuo {
            emulator = nil
            registry = try DuoProviderRegistry()
            provider = try DuoProvider(name: Self.defaultProvider, apiHost: real.apiHost, clientID: real.clientID,
                                       clientSecret: real.clientSecret, redirectURI: baseURL + "/duo-callback")
        } else {
            let configuration = DuoEmulatorConfiguration(pushLifetime: options.pushLifetime)
            // carol has no Duo device yet: she sees the enrollment page.
            let emulator = try await DuoEmulator(configuration: configuration, host: host, unenrolledUsers: ["carol"])
            self.emulator = emulator
            registry = DuoProviderRegistry(transport: emulator.duo)
            provider = try DuoProvider(name: Self.defaultProvider, apiHost: host, clientID: configuration.clientID,
                                       clientSecret: configuration.clientSecret, redirectURI: baseURL + "/duo-callback")
        }
        _ = try await registry.register(provider)
        rememberedBrowsers = RememberedBrowserStore(key: try RememberedBrowserKey.generate())
    }

    /// The emulated phone's page, when the emulator is embedded.
    public var phoneURL: String? { emulator.map { $0.publicBaseURL + "/phone" } }

    /// The demo accounts, for the start banner.
    public static var demoAccounts: [(username: String, password: String, name: String)] { DemoDirectory.demoAccounts }

    /// Mounts the demo (and the embedded emulator) on a router.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        emulator?.addRoutes(to: router)
        router.get("/") { request, _ in await self.home(request) }
        router.post("/login") { request, _ in await self.login(request) }
        router.get("/duo-callback") { request, _ in await self.callback(request) }
        router.get("/granted") { request, _ in await self.granted(request) }
        router.post("/logout") { request, _ in await self.logout(request) }
        router.get("/admin") { request, _ in await self.admin(request, message: nil) }
        router.post("/admin") { request, _ in await self.adminAction(request) }
    }

    /// Runs the demo until interrupted, calling `started` once it listens.
    public func run(started: @escaping @Sendable () -> Void = {}) async throws {
        let router = Router()
        addRoutes(to: router)
        guard let port = URL(string: baseURL)?.port else { return }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { _ in started() })
        try await app.runService()
    }

    // MARK: Session plumbing

    struct Context {
        let id: String
        var session: DemoSession
        var newCookie: String?
    }

    func context(for request: Request) async -> Context {
        if let (id, session) = await sessions.session(cookie: request.cookies[SessionStore.cookieName]?.value) {
            return Context(id: id, session: session)
        }
        let (cookie, id, session) = await sessions.create()
        return Context(id: id, session: session, newCookie: cookie)
    }

    static func form(_ request: Request) async -> [String: String] {
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else { return [:] }
        return HTMLForm.decode(String(decoding: body.readableBytesView, as: UTF8.self))
    }

    /// A form is accepted only with the session's CSRF token (constant-time compare).
    static func csrfHolds(_ form: [String: String], _ context: Context) -> Bool {
        guard let token = form["csrf"] else { return false }
        return ConstantTime.equals(token, context.session.csrfToken)
    }

    func finish(_ response: Response, _ context: Context) -> Response {
        var response = response
        if let cookie = context.newCookie {
            response.setCookie(Cookie(name: SessionStore.cookieName, value: cookie, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func redirect(_ location: String) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        fields[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: fields)
    }

    static func page(_ status: HTTPResponse.Status = .ok, title: String, body: String) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        fields[.contentSecurityPolicy] = "default-src 'self'; style-src 'unsafe-inline'; form-action 'self' https:"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: DemoPages.frame(title: title, body: body))))
    }
}
