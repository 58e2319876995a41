import DuoCore
/// Optional parameters of an authorization request. Unset values are omitted from the request
/// (Duo distinguishes absent from empty).
public struct AuthorizationOptions: Sendable, Hashable {
    /// A nonce (16...1024 characters) that Duo echoes in the id_token; store it in the session and
    /// pass it to ``DuoWebClient/exchangeAuthorizationCode(_:username:nonce:)``.
    public var nonce: String?
    /// `dest_app_name`: the application name shown in Duo Mobile and Duo's logs.
    public var destinationAppName: String?
    /// `dest_app_id`: a stable application identifier (not shown to the user).
    public var destinationAppID: String?
    /// `display_username`: the name shown in the Duo Mobile push (does not change who is authenticated).
    public var displayUsername: String?
    /// `max_age`: seconds since the last interactive authentication before Duo forces a new one.
    public var maxAge: Int?
    /// `prompt`: for example `login` to force re-authentication.
    public var prompt: String?

    /// Creates options; every value defaults to unset.
    public init(
        nonce: String? = nil, destinationAppName: String? = nil, destinationAppID: String? = nil,
        displayUsername: String? = nil, maxAge: Int? = nil, prompt: String? = nil
    ) {
        self.nonce = nonce
        self.destinationAppName = destinationAppName
        self.destinationAppID = destinationAppID
        self.displayUsername = displayUsername
        self.maxAge = maxAge
        self.prompt = prompt
    }
}

extension AuthorizationOptions: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var safeFields: KeyValuePairs<String, Any> {
        ["nonce": SafeReflection.presence(nonce), "destinationAppName": destinationAppName as Any, "destinationAppID": destinationAppID as Any,
         "displayUsername": displayUsername as Any, "maxAge": maxAge as Any, "prompt": prompt as Any]
    }
    /// The options, with the nonce redacted: it belongs to the session until Duo's answer spends
    /// it, as the state does (see ``DuoCallback``).
    public var description: String { SafeReflection.description("AuthorizationOptions", safeFields) }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The options, with the nonce redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, safeFields) }
}
