/// How a scripted user answers Duo, in ``FakeDuo``'s user directory (shared by the Universal
/// Prompt and Auth API fakes).
public enum FakeDuoOutcome: Sendable, Hashable {
    /// The user approves: `auth_result.result = allow`.
    case allow
    /// The user denies: `result = deny`, `status = deny`.
    case deny
    /// The user does not answer: `result = deny`, `status = timeout`.
    case timeout
    /// The user reports fraud: `result = deny`, `status = fraud`.
    case fraud
    /// Duo redirects back with `error` and `error_description` instead of a code.
    case errorRedirect(error: String, description: String)
}

/// A user known to ``FakeDuo``.
public struct FakeDuoUser: Sendable, Hashable {
    /// The username, as sent in `duo_uname`.
    public var username: String
    /// What the user does at the prompt.
    public var outcome: FakeDuoOutcome
    /// The name Duo reports as `preferred_username` (default: the username itself).
    public var preferredUsername: String?

    /// Creates a user.
    public init(username: String, outcome: FakeDuoOutcome = .allow, preferredUsername: String? = nil) {
        self.username = username
        self.outcome = outcome
        self.preferredUsername = preferredUsername
    }
}

/// The users a ``FakeDuo`` knows, by username. Unknown users are treated as ``FakeDuoOutcome/allow``
/// unless ``rejectsUnknownUsers`` is set.
///
/// It is the one scripted state every face of the fake reads: the Universal Prompt, the Auth
/// API (`preauth`, `auth`, `enroll`, `enroll_status`) and the emulator's pages. A user marked
/// unenrolled (``setEnrolled(_:for:)``) is unenrolled for all of them until one of them enrolls
/// the user.
public struct FakeDuoUserDirectory: Sendable {
    private var users: [String: FakeDuoUser] = [:]
    private var unenrolled: Set<String> = []
    /// Whether an unknown username is refused (deny) instead of allowed.
    public var rejectsUnknownUsers = false

    /// Creates an empty directory.
    public init() {}

    /// Adds or replaces a user.
    public mutating func set(_ user: FakeDuoUser) { users[user.username] = user }

    /// The user set for a username with ``set(_:)``, or `nil` for a user nobody scripted.
    public func scriptedUser(named username: String) -> FakeDuoUser? { users[username] }

    /// Marks a user enrolled (the default for every user) or not enrolled (no device yet: the
    /// prompt shows enrollment and `preauth` answers `enroll`).
    public mutating func setEnrolled(_ enrolled: Bool, for username: String) {
        if enrolled { unenrolled.remove(username) } else { unenrolled.insert(username) }
    }

    /// Whether the user has enrolled a device.
    public func isEnrolled(_ username: String) -> Bool { !unenrolled.contains(username) }

    /// The user for a username.
    public func user(named username: String) -> FakeDuoUser {
        users[username] ?? FakeDuoUser(username: username, outcome: rejectsUnknownUsers ? .deny : .allow)
    }
}
