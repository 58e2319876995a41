#if Emulator
import DuoCore
public import DuoTesting
import DuoTransport
import Foundation
public import Hummingbird
import HTTPTypes
import NIOCore

/// `FakeDuo` served over HTTP with Duo-like pages: the Universal Prompt at
/// `/oauth/v1/authorize`, an emulated phone at `/phone` where pending pushes are approved or
/// denied, passcode entry, enrollment for users with no device, and error redirects.
///
/// API endpoints (`/oauth/v1/token`, `/oauth/v1/health_check`, `/auth/v2/…`) are not
/// reimplemented: each request is converted into a `HTTPRequest` for
/// `https://{apiHost}{path}` and answered by `FakeDuo.send(_:)`, so the emulator
/// behaves exactly as the in-process fake the unit tests use.
///
/// Use ``addRoutes(to:)`` to mount it on a Hummingbird router (the login demo embeds it that
/// way), or run the `duo-emulator` executable.
public struct DuoEmulator: Sendable {
    /// The fake Duo behind the pages and endpoints.
    public let duo: FakeDuo
    /// Prompts, phones and enrollments.
    public let state: EmulatorState
    /// What the emulator plays.
    public let configuration: DuoEmulatorConfiguration
    /// The URL browsers use to reach the emulator, without a trailing slash (for example
    /// `http://127.0.0.1:8080`).
    public let publicBaseURL: String

    /// The paths the emulator answers, for both GET and POST.
    public static let paths = [
        "/oauth/v1/authorize", "/oauth/v1/token", "/oauth/v1/health_check",
        "/frame/push", "/frame/push/status", "/frame/passcode", "/frame/cancel", "/frame/enroll", "/frame/qr",
        "/phone", "/phone/answer",
        "/auth/v2/ping", "/auth/v2/check", "/auth/v2/preauth", "/auth/v2/auth", "/auth/v2/auth_status",
        "/auth/v2/enroll", "/auth/v2/enroll_status", "/auth/v2/logo",
    ]

    /// Creates an emulator.
    ///
    /// - Parameters:
    ///   - configuration: Credentials and the application name.
    ///   - host: The `host:port` browsers and clients use (the fake's API host). On loopback
    ///     (`127.0.0.1` or `localhost`) the other loopback name reaches the same emulator, and
    ///     clients may be given either.
    ///   - scheme: `http` or `https`, as served.
    ///   - unenrolledUsers: Users who have no device yet: the prompt shows them enrollment, and
    ///     the Auth API's `preauth` answers `enroll`, until they enroll.
    /// - Throws: `DuoError` when a credential is malformed.
    public init(configuration: DuoEmulatorConfiguration, host: String, scheme: String = "http",
                unenrolledUsers: Set<String> = []) async throws {
        let hostname = FakeDuo.split(authority: host).hostname
        let loopbackNames = ["127.0.0.1", "localhost"]
        let duo = try FakeDuo(clientID: configuration.clientID, clientSecret: configuration.clientSecret, apiHost: host,
                              alternativeHostnames: loopbackNames.contains(hostname) ? loopbackNames.filter { $0 != hostname } : [])
        _ = try await duo.installAuthAPI(integrationKey: configuration.integrationKey, secretKey: configuration.secretKey)
        await duo.setPushLifetime(configuration.pushLifetime)
        for username in unenrolledUsers { await duo.setEnrolled(false, for: username) }
        self.duo = duo
        self.configuration = configuration
        self.state = EmulatorState(duo: duo, issuer: configuration.applicationName)
        self.publicBaseURL = "\(scheme)://\(host)"
    }

    /// Mounts every emulator path on a router.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        for path in Self.paths {
            for method in [HTTPRequest.Method.get, .post] {
                router.on(RouterPath(path), method: method) { request, _ in await self.respond(to: request) }
            }
        }
    }

    /// Answers one request.
    public func respond(to request: Request) async -> Response {
        var request = request
        let body: [UInt8]
        do {
            body = Array((try await request.collectBody(upTo: 1 << 20)).readableBytesView)
        } catch {
            return Self.html(413, title: "Too large", body: "<h1>Request too large</h1>")
        }
        let path = request.uri.path
        switch await state.receive(path) {
        case .delay(let pause)?:
            // A cancelled sleep (server shutting down) just answers early.
            try? await Task.sleep(for: pause)
        case .oversizedBody(let bytes)?:
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(repeating: UInt8(ascii: " "), count: max(0, bytes))))
        case .droppedConnection?:
            return Self.droppedConnection()
        case nil:
            break
        }
        let query = request.uri.query ?? ""
        let form = Self.decodeForm(request.method == .post ? String(decoding: body, as: UTF8.self) : query)
        let authority = self.authority(of: request)
        switch path {
        case "/oauth/v1/authorize": return await authorize(query: query, authority: authority)
        case "/frame/push": return await sendPush(form: form)
        case "/frame/push/status": return await pushStatus(form: form)
        case "/frame/passcode": return await passcode(form: form)
        case "/frame/cancel": return await cancel(form: form)
        case "/frame/enroll": return await enroll(form: form, isSubmission: request.method == .post)
        case "/frame/qr": return Self.qrImage(form: form)
        case "/phone": return await phone()
        case "/phone/answer": return await answer(form: form)
        default: return await forward(request, body: body, authority: authority)
        }
    }

    // MARK: API endpoints, answered by FakeDuo

    /// The `host[:port]` the client addressed (its `Host`), when the fake answers to it; the
    /// fake's own API host otherwise. Clients sign, and check tokens against, the host they were
    /// given, so the fake must see it.
    func authority(of request: Request) -> String {
        guard let host = request.head.authority,
              let url = URL(string: "https://" + host), let accepted = duo.acceptedAuthority(of: url) else { return duo.apiHost }
        return accepted
    }

    func forward(_ request: Request, body: [UInt8], authority: String) async -> Response {
        let target = "https://" + authority + request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        guard let url = URL(string: target) else { return Self.html(400, title: "Bad request", body: "<h1>Bad request</h1>") }
        var headers = DuoTransport.HTTPHeaders()
        for field in request.headers { headers.add(name: field.name.rawName, value: field.value) }
        let converted = DuoTransport.HTTPRequest(method: .init(rawValue: request.method.rawValue), url: url, headers: headers, body: body)
        do {
            let answer = try await duo.send(converted)
            var fields = HTTPFields()
            for field in answer.headers {
                if let fieldName = HTTPField.Name(field.name) { fields.append(HTTPField(name: fieldName, value: field.value)) }
            }
            return Response(status: .init(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        } catch {
            // A scripted transport failure: drop the answer as a broken server would.
            return Response(status: .badGateway)
        }
    }

    // MARK: Helpers

    static func decodeForm(_ text: String) -> [String: String] { HTMLForm.decode(text) }

    static func html(_ status: Int, title: String, body: String, refreshSeconds: Int? = nil) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        let page = HTML.page(title: title, body: body, refreshSeconds: refreshSeconds)
        return Response(status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    /// Headers announcing a 64-byte JSON body, 32 bytes of it, then the connection is closed (the
    /// body writer fails, so the server aborts the response).
    static func droppedConnection() -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let body = ResponseBody(contentLength: 64) { writer in
            try await writer.write(ByteBuffer(string: #"{"stat": "OK", "response": {"#.padding(toLength: 32, withPad: " ", startingAt: 0)))
            throw DroppedConnection()
        }
        return Response(status: .ok, headers: fields, body: body)
    }

    struct DroppedConnection: Error {}

    static func redirect(to location: String) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        fields[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: fields)
    }
}
#endif
