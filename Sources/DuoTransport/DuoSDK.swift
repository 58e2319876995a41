/// Facts about this SDK that requests report to Duo.
public enum DuoSDK {
    /// The SDK's version, sent in every User-Agent (`swift-duo/<version>`). Bumped at each release.
    public static let version = "0.1.0"

    /// The version of the pinned CA bundle the transport ships (`ca_bundle/<version>` in the
    /// User-Agent, as Duo's Python and Node SDKs report it).
    public static let caBundleVersion = "1.0"
}
