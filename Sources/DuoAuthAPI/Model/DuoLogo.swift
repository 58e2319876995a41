/// The account logo from `/auth/v2/logo`.
public struct DuoLogo: Sendable, Hashable {
    /// The image bytes (PNG).
    public let data: [UInt8]
    /// The `Content-Type` Duo sent, such as `image/png`.
    public let contentType: String

    /// Creates a logo.
    public init(data: [UInt8], contentType: String) {
        self.data = data
        self.contentType = contentType
    }
}
