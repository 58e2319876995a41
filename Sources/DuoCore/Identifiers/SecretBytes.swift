/// Storage for a secret's bytes that never shows them: not in `description`, `debugDescription`,
/// `dump` or a `Mirror`.
///
/// Shared by ``ClientSecret`` and ``SecretKey`` so both redact in exactly one way.
struct SecretBytes: Sendable, Hashable {
    let bytes: [UInt8]

    static func == (lhs: SecretBytes, rhs: SecretBytes) -> Bool {
        ConstantTime.equals(lhs.bytes, rhs.bytes)
    }

    func hash(into hasher: inout Hasher) {
        // Hash the length only: a hash of the bytes would be a cheap oracle for the secret.
        hasher.combine(bytes.count)
    }

    /// Validates that a secret is exactly `length` visible ASCII characters.
    ///
    /// The reason given never includes the value, only its length and the position of a bad
    /// character.
    static func validated(_ text: String, length: Int, code: DuoError.Code, name: String) throws(DuoError) -> SecretBytes {
        let utf8 = Array(text.utf8)
        guard utf8.count == length else {
            throw DuoError(code, reason: "\(name) must be exactly \(length) characters, got \(text.count)")
        }
        if let position = utf8.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw DuoError(code, reason: "\(name) has a space, control or non-ASCII character at position \(position + 1)")
        }
        return SecretBytes(bytes: utf8)
    }
}

/// Validates a public identifier (client ID, integration key): exactly `length` visible ASCII
/// characters. Identifiers are not secret, but a stray space or newline pasted from the Admin
/// Panel is the most common configuration mistake, so it is named.
func validatedIdentifier(_ text: String, length: Int, code: DuoError.Code, name: String) throws(DuoError) -> String {
    let utf8 = text.utf8
    guard utf8.count == length, text.count == length else {
        throw DuoError(code, reason: "\(name) must be exactly \(length) characters, got \(text.count)")
    }
    if let position = utf8.firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
        throw DuoError(code, reason: "\(name) has a space, control or non-ASCII character at position \(utf8.distance(from: utf8.startIndex, to: position) + 1)")
    }
    return text
}
