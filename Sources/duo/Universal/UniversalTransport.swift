import DuoTransport

/// The HTTPS transport of the Universal commands: libcurl with the trust chosen by
/// `DUO_CA_BUNDLE` (Duo's pinned roots when unset).
enum UniversalTransport {
    static func make(_ configuration: TransportConfiguration) throws -> any HTTPTransport {
        try CurlTransport(configuration: configuration)
    }
}
