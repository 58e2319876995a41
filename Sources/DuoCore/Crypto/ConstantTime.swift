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
    public static func equals<A: Collection, B: Collection>(_ lhs: A, _ rhs: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard lhs.count == rhs.count else { return false }
        // Contiguous bytes (arrays, native strings, buffers) compare without generic iteration.
        let contiguous: Bool?? = lhs.withContiguousStorageIfAvailable { left in
            rhs.withContiguousStorageIfAvailable { right in equals(buffer: left, right) }
        }
        if case .some(.some(let result)) = contiguous { return result }
        return equalsIterating(lhs, rhs)
    }

    /// The fallback for non-contiguous collections, kept out of line: inside `equals`, the
    /// generic `zip` iterator's type metadata was instantiated on every call (two runtime cache
    /// look-ups, about as much as comparing 36 bytes), even when the contiguous path answered.
    @inline(never)
    private static func equalsIterating<A: Collection, B: Collection>(_ lhs: A, _ rhs: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    /// The same comparison over two buffers of equal length: every byte is visited.
    private static func equals(buffer lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
        var difference: UInt8 = 0
        for index in 0..<min(lhs.count, rhs.count) { difference |= lhs[index] ^ rhs[index] }
        return difference == 0 && lhs.count == rhs.count
    }

    /// Compares two strings' UTF-8 bytes in time that depends only on their lengths.
    ///
    /// - Parameters:
    ///   - lhs: One string (for example the state stored in the session).
    ///   - rhs: The other string (for example the state returned by Duo).
    /// - Returns: `true` when both have the same UTF-8 bytes.
    public static func equals(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        equals(lhs.utf8, rhs.utf8)
    }

    /// Compares two strings' UTF-8 bytes in time that depends only on their lengths.
    ///
    /// The same comparison as the `StringProtocol` one; this overload for `String` itself reads
    /// both strings' contiguous UTF-8 directly, with no generic code on the way (the state and
    /// nonce checks of every login call it).
    ///
    /// - Parameters:
    ///   - lhs: One string.
    ///   - rhs: The other string.
    /// - Returns: `true` when both have the same UTF-8 bytes.
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var left = lhs, right = rhs
        return left.withUTF8 { leftBytes in right.withUTF8 { rightBytes in equals(buffer: leftBytes, rightBytes) } }
    }
}
