/// Steam Guard's rendering of a TOTP value: five symbols from a 26-character alphabet, least
/// significant first, taken from the 31-bit truncated value without the decimal reduction.
enum SteamGuard {
    static let alphabet: [UInt8] = Array("23456789BCDFGHJKMNPQRTVWXY".utf8)

    static func render(_ value: UInt32) -> String {
        var remaining = value
        return String(unsafeUninitializedCapacity: 5) { buffer in
            for index in 0..<5 {
                buffer[index] = alphabet[Int(remaining % 26)]
                remaining /= 26
            }
            return 5
        }
    }
}
