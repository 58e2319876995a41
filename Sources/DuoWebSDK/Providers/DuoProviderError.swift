import DuoCore
public import Foundation

/// The one error type of the provider registry (``DuoProviderRegistry``) and of provider loading.
///
/// A struct over a private kind, like ``DuoWebError``: compare with `==` against the static values
/// (`error == .providerDisabled`); two errors are equal when their kinds are. ``field`` names the
/// offending field (a JSON key such as `client_secret`, or an environment variable such as
/// `DUO_CLIENT_SECRET`), ``providerIndex`` and ``providerName`` say which provider of a file it
/// was. No text ever contains a client secret.
public struct DuoProviderError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    private enum Code: String, Hashable, Sendable {
        case invalidField, duplicateName, unknownProvider, providerDisabled, healthCheckFailed,
             fileUnreadable, malformedFile, transportUnavailable
    }

    private let code: Code
    /// The field at fault: a JSON key (`api_host`), a Swift parameter name, or an environment
    /// variable (`DUO_API_HOST`).
    public let field: String?
    /// The position (0-based) of the provider in the file's `providers` array, when loading a file.
    public let providerIndex: Int?
    /// The provider's name, when known.
    public let providerName: String?
    /// Detail for people and logs. Never contains a secret.
    public let reason: String?
    /// The Universal Prompt error behind this one (a failed health check, an unusable
    /// configuration), if any.
    public let underlyingWebError: DuoWebError?

    private init(
        _ code: Code, field: String? = nil, providerIndex: Int? = nil, providerName: String? = nil,
        reason: String? = nil, underlying: DuoWebError? = nil
    ) {
        self.code = code
        // Field and provider names come from a configuration file: bounded, no control characters.
        self.field = ExternalText.sanitized(field, limit: 100)
        self.providerIndex = providerIndex
        self.providerName = ExternalText.sanitized(providerName, limit: 100)
        self.reason = ExternalText.sanitized(reason)
        self.underlyingWebError = underlying
    }

    /// Two errors are equal when their kinds (codes) are, whatever their detail.
    public static func == (lhs: DuoProviderError, rhs: DuoProviderError) -> Bool { lhs.code == rhs.code }
    /// Hashes the kind (code) only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A provider field is missing, of the wrong type, or invalid; see ``field``.
    public static let invalidField = DuoProviderError(.invalidField)
    /// Another provider already has this name (names are compared ignoring case).
    public static let duplicateName = DuoProviderError(.duplicateName)
    /// No provider has this name.
    public static let unknownProvider = DuoProviderError(.unknownProvider)
    /// The provider exists but is disabled, so it cannot be used to sign anyone in.
    public static let providerDisabled = DuoProviderError(.providerDisabled)
    /// Duo's health check refused the provider (or could not be reached), so it was not saved;
    /// see ``underlyingWebError``.
    public static let healthCheckFailed = DuoProviderError(.healthCheckFailed)
    /// The providers file could not be read (missing, unreadable, too large).
    public static let fileUnreadable = DuoProviderError(.fileUnreadable)
    /// The providers file is not JSON of the documented shape.
    public static let malformedFile = DuoProviderError(.malformedFile)
    /// The shared HTTPS transport could not be created (for example an unreadable CA bundle).
    public static let transportUnavailable = DuoProviderError(.transportUnavailable)

    // MARK: Factories (internal)

    static func field(_ field: String, _ reason: String, index: Int? = nil, name: String? = nil) -> DuoProviderError {
        DuoProviderError(.invalidField, field: field, providerIndex: index, providerName: name, reason: reason)
    }

    static func kind(
        _ base: DuoProviderError, reason: String?, field: String? = nil, index: Int? = nil, name: String? = nil,
        underlying: DuoWebError? = nil
    ) -> DuoProviderError {
        DuoProviderError(base.code, field: field, providerIndex: index, providerName: name, reason: reason, underlying: underlying)
    }

    /// The same error, located at a provider of a file.
    func located(index: Int?, name: String?) -> DuoProviderError {
        DuoProviderError(code, field: field, providerIndex: index ?? providerIndex, providerName: name ?? providerName,
                         reason: reason, underlying: underlyingWebError)
    }

    // MARK: Text

    /// A stable, machine-friendly name of the kind, such as `invalidField` (safe as a metrics label).
    public var kindName: String { code.rawValue }

    /// One line: kind, summary and detail.
    public var description: String { "DuoProviderError.\(code.rawValue): \(errorDescription ?? summary)" }

    /// Where: `provider #2 ("Staff")`, `provider "Staff"`, or nothing.
    private var location: String? {
        switch (providerIndex, providerName) {
        case let (index?, name?): return "provider #\(index + 1) (\"\(name)\")"
        case let (index?, nil): return "provider #\(index + 1)"
        case let (nil, name?): return "provider \"\(name)\""
        case (nil, nil): return nil
        }
    }

    /// What happened, in words a help desk can read out.
    public var errorDescription: String? {
        var text = summary
        var details: [String] = []
        if let location { details.append(location) }
        if let field { details.append("field \(field)") }
        if let reason { details.append(reason) }
        if let underlyingWebError { details.append(underlyingWebError.errorDescription ?? underlyingWebError.kindName) }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }

    private var summary: String {
        switch code {
        case .invalidField: return "A Duo provider setting is missing or not valid."
        case .duplicateName: return "A Duo provider with this name already exists."
        case .unknownProvider: return "No Duo provider has this name."
        case .providerDisabled: return "This Duo provider is disabled."
        case .healthCheckFailed: return "Duo's health check failed, so the provider was not saved."
        case .fileUnreadable: return "The Duo providers file could not be read."
        case .malformedFile: return "The Duo providers file is not in the expected format."
        case .transportUnavailable: return "The HTTPS connection to Duo could not be set up."
        }
    }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch code {
        case .invalidField:
            return Self.fieldAdvice(field)
        case .duplicateName:
            return "Give each provider a different name (names are compared ignoring upper and lower case), or remove the existing provider first."
        case .unknownProvider:
            return "Check the provider name against the list of configured providers; it may have been removed or renamed."
        case .providerDisabled:
            return "Enable the provider on the providers page before using it, or choose another provider for this login."
        case .healthCheckFailed:
            return underlyingWebError?.recoverySuggestion
                ?? "Check the client ID, client secret and API hostname against the Duo Admin Panel, then save again."
        case .fileUnreadable:
            return "Check that the file exists, is readable by this server's user and is smaller than 1 MiB."
        case .malformedFile:
            return #"The file must be a JSON object with a "providers" array of objects; see Documentation/RelyingParty.md for the exact schema."#
        case .transportUnavailable:
            return "Check the transport settings (CA bundle path and proxy), then restart the application."
        }
    }

    /// Per-field advice, for the JSON keys and the environment variables alike.
    private static func fieldAdvice(_ field: String?) -> String {
        switch field {
        case "name":
            return "Give the provider a name of 1 to 64 characters: letters, digits, spaces, '-', '_' or '.', not starting or ending with a space."
        case "enabled":
            return #"Set "enabled" to true or false (without quotes), or leave it out for true."#
        case "api_host", "apiHost", "DUO_API_HOST":
            return "Copy the API hostname from the Web SDK application in the Duo Admin Panel, without https:// or a path (for example api-xxxxxxxx.duosecurity.com)."
        case "client_id", "clientID", "DUO_CLIENT_ID":
            return "Copy the Client ID (20 characters) again from the Web SDK application in the Duo Admin Panel."
        case "client_secret", "clientSecret", "DUO_CLIENT_SECRET":
            return "Copy the Client secret (40 characters) again from the Web SDK application in the Duo Admin Panel; check for a stray space or line break."
        case "redirect_uri", "redirectURI", "DUO_REDIRECT_URI":
            return "Give the full callback URL of this application: https (http only for localhost or 127.0.0.1), without a #fragment."
        default:
            return "Correct the named field; see Documentation/RelyingParty.md for every field and its format."
        }
    }
}
