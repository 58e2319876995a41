public import DuoCore
public import Foundation

/// One Duo Universal Prompt application, as a row of an "MFA > Providers" page: a name, whether it
/// is enabled, and the Web SDK application's API hostname, Client ID, Client secret and the
/// callback URL Duo sends users back to.
///
/// Every field is validated when the value is made; the client secret is never shown by
/// `description`, `debugDescription`, `dump` or reflection.
///
/// ```swift
/// let staff = try DuoProvider(name: "Staff", apiHost: "api-xxxxxxxx.duosecurity.com",
///                             clientID: clientID, clientSecret: clientSecret,
///                             redirectURI: "https://sso.example.edu/duo/callback")
/// try await registry.register(staff)
/// ```
public struct DuoProvider: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The longest allowed name, in characters.
    public static let maximumNameLength = 64

    /// The display name, unique in a registry ignoring case (for example `Staff Duo`).
    public let name: String
    /// Whether the provider may be used to sign users in.
    public var isEnabled: Bool
    /// The API hostname (`api-xxxxxxxx.duosecurity.com`, or `host:port` for an emulator).
    public let apiHost: APIHost
    /// The Client ID of the Web SDK application.
    public let clientID: ClientID
    /// The Client secret of the Web SDK application (redacted in every printed form).
    public let clientSecret: ClientSecret
    /// Where Duo sends the browser back: https, or http to a loopback host.
    public let redirectURI: URL

    /// Creates a provider from already validated values.
    ///
    /// - Parameters:
    ///   - name: The display name; see ``validateName(_:)``.
    ///   - isEnabled: Whether it may be used (default `true`).
    ///   - apiHost: The API hostname.
    ///   - clientID: The Client ID.
    ///   - clientSecret: The Client secret.
    ///   - redirectURI: The callback URL registered for the application.
    /// - Throws: ``DuoProviderError/invalidField`` naming `name` or `redirectURI`.
    public init(name: String, isEnabled: Bool = true, apiHost: APIHost, clientID: ClientID, clientSecret: ClientSecret, redirectURI: URL) throws(DuoProviderError) {
        try Self.validateName(name)
        self.name = name
        self.isEnabled = isEnabled
        self.apiHost = apiHost
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        try Self.validateRedirect(of: self, field: "redirectURI")
    }

    /// Creates a provider from the texts in the Duo Admin Panel, validating each.
    ///
    /// - Parameters:
    ///   - name: The display name; see ``validateName(_:)``.
    ///   - isEnabled: Whether it may be used (default `true`).
    ///   - apiHost: The API hostname, `host` or `host:port`.
    ///   - clientID: The Client ID (20 characters).
    ///   - clientSecret: The Client secret (40 characters).
    ///   - redirectURI: The callback URL (https, or http to localhost / 127.0.0.1).
    /// - Throws: ``DuoProviderError/invalidField`` whose ``DuoProviderError/field`` is the
    ///   parameter's name (`apiHost`, `clientID`, ...). The secret's value is never echoed.
    public init(name: String, isEnabled: Bool = true, apiHost: String, clientID: String, clientSecret: String, redirectURI: String) throws(DuoProviderError) {
        try self.init(name: name, isEnabled: isEnabled, apiHost: apiHost, clientID: clientID, clientSecret: clientSecret,
                      redirectURI: redirectURI, fieldNames: .swift)
    }

    /// The names a caller knows the fields by: Swift parameters, JSON keys or environment variables.
    struct FieldNames {
        let name: String, apiHost: String, clientID: String, clientSecret: String, redirectURI: String
        static let swift = FieldNames(name: "name", apiHost: "apiHost", clientID: "clientID", clientSecret: "clientSecret", redirectURI: "redirectURI")
        static let json = FieldNames(name: "name", apiHost: "api_host", clientID: "client_id", clientSecret: "client_secret", redirectURI: "redirect_uri")
        static let environment = FieldNames(name: "name", apiHost: "DUO_API_HOST", clientID: "DUO_CLIENT_ID",
                                            clientSecret: "DUO_CLIENT_SECRET", redirectURI: "DUO_REDIRECT_URI")
    }

    /// Validates field by field, in a fixed order (name, client ID, secret, API host, redirect URI, as the `duo` commands do),
    /// naming each field as the caller knows it.
    init(name: String, isEnabled: Bool, apiHost: String, clientID: String, clientSecret: String, redirectURI: String, fieldNames: FieldNames) throws(DuoProviderError) {
        do { try Self.validateName(name) } catch { throw error.renamed(fieldNames.name) }
        let host: APIHost, id: ClientID, secret: ClientSecret
        do { id = try ClientID(clientID) } catch { throw .field(fieldNames.clientID, error.reason ?? "the client ID is not valid") }
        do { secret = try ClientSecret(clientSecret) } catch { throw .field(fieldNames.clientSecret, error.reason ?? "the client secret is not valid") }
        do { host = try APIHost(apiHost) } catch { throw .field(fieldNames.apiHost, error.reason ?? "the API hostname is not valid") }
        guard !redirectURI.isEmpty, let url = URL(string: redirectURI) else {
            throw .field(fieldNames.redirectURI, "the redirect URI is empty or not a URL")
        }
        self.name = name
        self.isEnabled = isEnabled
        self.apiHost = host
        self.clientID = id
        self.clientSecret = secret
        self.redirectURI = url
        try Self.validateRedirect(of: self, field: fieldNames.redirectURI)
    }

    /// Checks a provider name: 1...64 characters of letters, digits, spaces, `-`, `_` and `.`,
    /// neither starting nor ending with a space.
    ///
    /// - Parameter name: The candidate name.
    /// - Throws: ``DuoProviderError/invalidField`` naming `name`.
    public static func validateName(_ name: String) throws(DuoProviderError) {
        guard !name.isEmpty else { throw .field("name", "the name is empty") }
        guard name.count <= maximumNameLength else { throw .field("name", "the name is longer than \(maximumNameLength) characters") }
        guard name.first != " ", name.last != " " else { throw .field("name", "the name starts or ends with a space") }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar == " " || scalar == "-" || scalar == "_" || scalar == "." || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
        }
        guard allowed else { throw .field("name", "the name may contain only letters, digits, spaces, '-', '_' and '.'") }
    }

    /// The redirect URI rules are those of ``DuoWebConfiguration/validate()``: reuse them.
    private static func validateRedirect(of provider: DuoProvider, field: String) throws(DuoProviderError) {
        do { try provider.configuration().validate() } catch {
            throw .field(field, error.reason ?? "the redirect URI is not valid")
        }
    }

    /// The name as registries compare it (case-insensitive).
    var key: String { name.asciiLowercased }

    /// The Universal Prompt configuration of this provider.
    ///
    /// - Parameter clock: The time source for JWTs and id_token checks (default the system clock).
    /// - Returns: A configuration with the provider's host, credentials and redirect URI and
    ///   defaults for everything else.
    public func configuration(clock: any WallClock = SystemWallClock()) -> DuoWebConfiguration {
        DuoWebConfiguration(clientID: clientID, clientSecret: clientSecret, apiHost: apiHost, redirectURI: redirectURI, clock: clock)
    }

    /// `DuoProvider(name: "Staff", enabled, api-xxxx.duosecurity.com, client ID DI..., secret <redacted>)`.
    public var description: String {
        "DuoProvider(name: \"\(name)\", \(isEnabled ? "enabled" : "disabled"), apiHost: \(apiHost), clientID: \(clientID.rawValue), clientSecret: <redacted>, redirectURI: \(redirectURI.absoluteString))"
    }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// A mirror without the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "isEnabled": isEnabled, "apiHost": apiHost.description,
                                "clientID": clientID.rawValue, "redirectURI": redirectURI.absoluteString],
               displayStyle: .struct)
    }
}

extension DuoProviderError {
    /// The same error, with its field renamed (for `name` in a file or the environment).
    fileprivate func renamed(_ field: String) -> DuoProviderError {
        .field(field, reason ?? "not valid", index: providerIndex, name: providerName)
    }
}
