extension String {
    /// Whether every UTF-8 byte of the string satisfies `predicate`.
    ///
    /// Reads the string's contiguous storage (native and small strings have one) rather than
    /// walking `utf8` index by index, which on the short strings of a signed request is several
    /// times slower; bridged strings without contiguous UTF-8 take the generic walk.
    func utf8AllSatisfy(_ predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? utf8.allSatisfy(predicate)
    }
}

extension String {
    /// Whether the string's UTF-8 bytes sort before `other`'s (plain byte order, which for
    /// UTF-8 is also code point order), read from contiguous storage where both have it.
    func utf8Precedes(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in lhs.lexicographicallyPrecedes(rhs) }
        }
        return (fast ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Whether the string's UTF-8 bytes equal `other`'s (byte equality, not `==`'s canonical
    /// equivalence), read from contiguous storage where both have it.
    func utf8Equals(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in lhs.elementsEqual(rhs) }
        }
        return (fast ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}
