/// The demo's user directory: usernames with salted password hashes (never the passwords).
struct DemoDirectory: Sendable {
    /// The users `make demo` prints, with their passwords, so a newcomer can sign in.
    /// These are demo credentials for a local emulator only.
    static let demoAccounts: [(username: String, password: String, name: String)] = [
        ("alice", "correct-horse", "Alice Liddell (student)"),
        ("bob", "battery-staple", "Bob Tables (staff)"),
        ("carol", "tr0ub4dor-3", "Carol Danvers (no Duo device yet)"),
    ]

    private var hashes: [String: PasswordHash] = [:]
    private(set) var displayNames: [String: String] = [:]

    init(accounts: [(username: String, password: String, name: String)] = demoAccounts) {
        for account in accounts {
            hashes[account.username] = PasswordHash(password: account.password)
            displayNames[account.username] = account.name
        }
    }

    /// Whether the password is right. An unknown user costs the same hashing work, so timing does
    /// not tell which usernames exist.
    func verify(username: String, password: String) -> Bool {
        guard let hash = hashes[username] else {
            _ = PasswordHash.pbkdf2(password: Array(password.utf8), salt: Array(repeating: 0, count: 16), iterations: PasswordHash.iterations)
            return false
        }
        return hash.matches(password)
    }
}
