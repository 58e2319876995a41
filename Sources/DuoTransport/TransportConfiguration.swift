public import DuoCore
public import Foundation
public import Logging

/// Which certificate authorities a transport trusts for Duo's API host.
///
/// Hostname verification is always on, whatever the trust; no setting in the library turns
/// certificate verification off.
public enum TrustPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Only the 15 root CAs every official Duo SDK pins (the default). The system trust store is
    /// never consulted.
    case duoPinned
    /// Exactly these roots, as PEM text (like Duo's `duo_certs`), instead of the pinned bundle.
    case customRoots(pem: [UInt8])
    /// Exactly the roots in this PEM file, instead of the pinned bundle.
    case customRootsFile(path: String)
    /// The operating system's trust store, with pinning off: for TLS-inspecting corporate
    /// proxies, as Duo's SDKs now allow. Verification stays on.
    case system

    /// Whether this policy pins Duo's roots (reported in the User-Agent as `ca_pinning=`).
    public var isPinning: Bool { self == .duoPinned }

    /// A short, secret-free name for logs.
    public var description: String {
        switch self {
        case .duoPinned: return "duoPinned"
        case .customRoots(let pem): return "customRoots(\(pem.count) bytes)"
        case .customRootsFile(let path): return "customRootsFile(\(path))"
        case .system: return "system"
        }
    }
}

/// An HTTP CONNECT proxy. The password is redacted in every description.
public struct ProxyConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The proxy URL, `http://host:port` (no credentials in it).
    public var url: URL
    /// The user name, if the proxy needs one.
    public var username: String?
    private var password: String?

    /// Creates a proxy setting.
    ///
    /// - Parameters:
    ///   - url: `http://host:port` of the proxy.
    ///   - username: Optional proxy user name.
    ///   - password: Optional proxy password (never printed).
    public init(url: URL, username: String? = nil, password: String? = nil) {
        self.url = url
        self.username = username
        self.password = password
    }

    /// The password, for the transport implementation only.
    package var passwordForTransport: String? { password }

    /// The proxy URL and user, with the password redacted.
    public var description: String {
        let user = username.map { " user=\($0)" } ?? ""
        return "ProxyConfiguration(\(url.absoluteString)\(user)\(password == nil ? "" : " password=<redacted>"))"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// A mirror that shows no credentials.
    public var customMirror: Mirror { Mirror(self, children: ["url": url, "username": username as Any], displayStyle: .struct) }
}

/// Settings of an HTTPS transport to Duo: trust, proxy, limits, User-Agent and logging.
public struct TransportConfiguration: Sendable {
    /// Which CAs are trusted (default ``TrustPolicy/duoPinned``).
    public var trust: TrustPolicy
    /// An explicit proxy, or `nil` for a direct connection.
    public var proxy: ProxyConfiguration?
    /// Whether the `https_proxy`/`HTTPS_PROXY`/`all_proxy`/`no_proxy`/`NO_PROXY` environment
    /// variables are honoured (default `false`: they are ignored unless you opt in, and a
    /// configured ``proxy`` is then used for every request, whatever `no_proxy` says).
    public var usesEnvironmentProxy: Bool
    /// Default limits for requests that set none.
    public var timeout: HTTPTimeout
    /// The largest response body accepted (default 1 MiB).
    public var maximumResponseBytes: Int
    /// Text appended to the User-Agent, such as `myapp/2.1`.
    public var userAgentSuffix: String?
    /// Whether plain `http://` is allowed to loopback hosts (for local emulators). Default `false`;
    /// a warning is logged for every such connection.
    public var allowsInsecureLoopbackHTTP: Bool
    /// Idle connections are closed after this long (default 50 s: Duo drops idle ones at about 60 s).
    public var maximumIdleTime: Duration
    /// The logger for debug lines (method, host, path, status, duration).
    public var logger: Logger

    /// Creates a configuration with secure defaults.
    public init(
        trust: TrustPolicy = .duoPinned,
        proxy: ProxyConfiguration? = nil,
        usesEnvironmentProxy: Bool = false,
        timeout: HTTPTimeout = .standard,
        maximumResponseBytes: Int = 1 << 20,
        userAgentSuffix: String? = nil,
        allowsInsecureLoopbackHTTP: Bool = false,
        maximumIdleTime: Duration = .seconds(50),
        logger: Logger = .duoDisabled
    ) {
        self.trust = trust
        self.proxy = proxy
        self.usesEnvironmentProxy = usesEnvironmentProxy
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
        self.userAgentSuffix = userAgentSuffix
        self.allowsInsecureLoopbackHTTP = allowsInsecureLoopbackHTTP
        self.maximumIdleTime = maximumIdleTime
        self.logger = logger
    }
}

extension TransportConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["trust": trust, "proxy": proxy as Any, "usesEnvironmentProxy": usesEnvironmentProxy, "timeout": timeout,
         "maximumResponseBytes": maximumResponseBytes, "userAgentSuffix": userAgentSuffix as Any,
         "allowsInsecureLoopbackHTTP": allowsInsecureLoopbackHTTP, "maximumIdleTime": maximumIdleTime]
    }
    /// Every setting but the logger; a proxy's password is redacted.
    public var description: String { SafeReflection.description("TransportConfiguration", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// Every setting but the logger; a proxy's password is redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
