/// Byte order of two runs of bytes in memory, for sorting encoded parameters and JSON names held
/// as offsets into one buffer.
enum ByteRunOrder {
    /// Negative when `lhs` sorts first, zero when the runs are equal, positive otherwise; the
    /// shorter first when one is a prefix of the other. Compared in place: the runs are names and
    /// values of a few bytes, shorter than a `memcmp` call costs.
    static func compare(_ lhs: UnsafePointer<UInt8>, _ lhsCount: Int, _ rhs: UnsafePointer<UInt8>, _ rhsCount: Int) -> Int {
        let common = Swift.min(lhsCount, rhsCount)
        var index = 0
        while index < common {
            let left = lhs[index], right = rhs[index]
            if left != right { return left < right ? -1 : 1 }
            index &+= 1
        }
        return lhsCount - rhsCount
    }
}
