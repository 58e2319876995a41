/// Builds the `User-Agent` every request carries:
/// `swift-duo/<version> (<OS>; Swift <x.y>) ca_bundle/1.0 (ca_pinning=enabled|disabled)[ <suffix>]`.
///
/// Duo reads `ca_bundle`/`ca_pinning` for server-side visibility of pinning, as its Python and
/// Node SDKs send it; the OS and Swift version help its support see which stack made a call.
enum UserAgent {
    /// The User-Agent for a transport.
    ///
    /// - Parameters:
    ///   - pinning: Whether the trust policy pins Duo's roots.
    ///   - suffix: The application's suffix, already checked for control characters.
    static func make(pinning: Bool, suffix: String?) -> String {
        var text = "swift-duo/\(DuoSDK.version) (\(operatingSystem); Swift \(swiftVersion)) ca_bundle/\(DuoSDK.caBundleVersion) (ca_pinning=\(pinning ? "enabled" : "disabled"))"
        if let suffix, !suffix.isEmpty { text += " \(suffix)" }
        return text
    }

    static var operatingSystem: String {
        #if os(Linux)
        return "Linux"
        #elseif os(macOS)
        return "macOS"
        #elseif os(Windows)
        return "Windows"
        #elseif os(FreeBSD)
        return "FreeBSD"
        #else
        return "unknown"
        #endif
    }

    static var swiftVersion: String {
        #if swift(>=7.0)
        return "7"
        #elseif swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #elseif swift(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }
}
