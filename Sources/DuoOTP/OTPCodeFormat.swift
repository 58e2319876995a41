/// Turning truncated values into codes, and checking submitted codes, with integers only.
enum OTPCodeFormat {
    /// The code lengths the SDK supports (RFC 4226 requires 6, allows 7 and 8).
    static let supportedDigits: ClosedRange<Int> = 6...8

    /// 10^d for d = 0...9, exact (no floating point).
    private static let powersOfTen: [UInt32] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// `value mod 10^digits` as exactly `digits` decimal characters, leading zeros kept.
    static func render(_ value: UInt32, digits: Int) -> String {
        let width = min(max(digits, 1), 9)
        var remaining = value % powersOfTen[width]
        var symbols = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var index = width
        while index > 0 {
            index -= 1
            symbols[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        }
        return String(decoding: symbols, as: UTF8.self)
    }

    /// `true` when `code` is exactly `digits` ASCII decimal digits.
    static func isWellFormed(_ code: String, digits: Int) -> Bool {
        var count = 0
        for byte in code.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            count += 1
        }
        return count == digits
    }

    /// Constant-time comparison of a well-formed submitted code with an expected one: every
    /// byte is compared and the differences accumulated, so the time does not depend on where
    /// the first wrong digit is. (Same rule as DuoCore's `ConstantTime`, written for two
    /// concrete strings: the generic version is not specialisable across modules, and a
    /// verifier compares up to 2W+1 codes per attempt.)
    static func matches(_ code: String, expected: String) -> Bool {
        var code = code, expected = expected
        return code.withUTF8 { submitted in
            expected.withUTF8 { wanted in
                guard submitted.count == wanted.count else { return false }
                var difference: UInt8 = 0
                for index in 0..<wanted.count { difference |= submitted[index] ^ wanted[index] }
                return difference == 0
            }
        }
    }
}
