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
