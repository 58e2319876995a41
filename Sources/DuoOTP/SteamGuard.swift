/// Steam Guard's rendering of a TOTP value: five symbols from a 26-character alphabet, least
/// significant first, taken from the 31-bit truncated value without the decimal reduction.
enum SteamGuard {
    static let alphabet: [UInt8] = Array("23456789BCDFGHJKMNPQRTVWXY".utf8)

    static func render(_ value: UInt32) -> String {
        var remaining = value
        var symbols: [UInt8] = []
        for _ in 0..<5 {
            symbols.append(alphabet[Int(remaining % 26)])
            remaining /= 26
        }
        return String(decoding: symbols, as: UTF8.self)
    }
}
