/// Comparison whose running time does not depend on where two byte strings differ.
///
/// Use it for every MAC, signature, state value and passcode comparison: an early-exit `==`
/// tells an attacker, through timing, how many leading bytes of a guess were right.
public enum ConstantTime {
    /// Compares two byte sequences in time that depends only on their lengths.
    ///
    /// Lengths are not secret in any of Duo's protocols (MACs and codes have fixed sizes), so a
    /// length mismatch returns `false` straight away.
    ///
    /// - Parameters:
    ///   - lhs: One byte sequence.
    ///   - rhs: The other byte sequence.
    /// - Returns: `true` when both hold the same bytes.
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// Compares two strings' UTF-8 bytes in time that depends only on their lengths.
    ///
    /// - Parameters:
    ///   - lhs: One string (for example the state stored in the session).
    ///   - rhs: The other string (for example the state returned by Duo).
    /// - Returns: `true` when both have the same UTF-8 bytes.
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
