import DuoTransport
import Foundation

// Documentation/Troubleshooting.md, sections "Certificates and pinning" and "Proxies": the
// guide's snippets, compiled here so they keep matching the public API. Compiled only.

@available(*, deprecated, message: "compiled only; never called")
private func troubleshootingCorporateCA() -> TransportConfiguration {
    var configuration = TransportConfiguration()
    configuration.trust = .customRootsFile(path: "/etc/ssl/corp-ca.pem")   // or .system
    return configuration
}

@available(*, deprecated, message: "compiled only; never called")
private func troubleshootingProxy(proxyURL: URL, proxyPassword: String) -> TransportConfiguration {
    var configuration = TransportConfiguration()
    configuration.proxy = ProxyConfiguration(url: proxyURL, username: "svc-duo", password: proxyPassword)
    // or: configuration.usesEnvironmentProxy = true
    return configuration
}
