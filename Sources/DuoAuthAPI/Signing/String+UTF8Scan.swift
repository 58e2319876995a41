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
