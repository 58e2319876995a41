import DuoCore

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
        // Strings of up to 15 UTF-8 bytes are stored inline: no allocation.
        return String(unsafeUninitializedCapacity: width) { buffer in
            var index = width
            while index > 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            return width
        }
    }

    /// `true` when `code` is exactly `digits` ASCII decimal digits.
    static func isWellFormed(_ code: some StringProtocol, digits: Int) -> Bool {
        var count = 0
        for byte in code.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            count += 1
        }
        return count == digits
    }

    /// Constant-time comparison of a well-formed submitted code with an expected one.
    static func matches(_ code: some StringProtocol, expected: String) -> Bool {
        ConstantTime.equals(code.utf8, expected.utf8)
    }
}
