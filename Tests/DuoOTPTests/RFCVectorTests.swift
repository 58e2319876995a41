import DuoOTP
import Testing

/// The published test vectors: RFC 4226 Appendix D and RFC 6238 Appendix B.
struct RFCVectorTests {
    static let rfc4226Codes = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    static let rfc4226Truncated: [UInt32] = [1284755224, 1094287082, 137359152, 1726969429, 1640338314, 868254676, 1918287922, 82162583, 673399871, 645520489]

    @Test func rfc4226AppendixD() throws {
        let secret = try OTPSecret(bytes: Array("12345678901234567890".utf8))
        #expect(secret.base32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        let hotp = try HOTPGenerator(secret: secret)
        for counter in 0..<10 {
            #expect(hotp.code(counter: UInt64(counter)) == Self.rfc4226Codes[counter], "counter \(counter)")
            #expect(hotp.truncatedValue(counter: UInt64(counter)) == Self.rfc4226Truncated[counter], "counter \(counter)")
        }
        // Count 1's 8-digit code is the first TOTP vector.
        #expect(try HOTPGenerator(secret: secret, digits: 8).code(counter: 1) == "94287082")
    }

    struct TOTPVector: Sendable, CustomTestStringConvertible {
        let time: UInt64
        let codes: [OTPAlgorithm: String]
        var testDescription: String { "t=\(time)" }
    }

    static let rfc6238: [TOTPVector] = [
        TOTPVector(time: 59, codes: [.sha1: "94287082", .sha256: "46119246", .sha512: "90693936"]),
        TOTPVector(time: 1111111109, codes: [.sha1: "07081804", .sha256: "68084774", .sha512: "25091201"]),
        TOTPVector(time: 1111111111, codes: [.sha1: "14050471", .sha256: "67062674", .sha512: "99943326"]),
        TOTPVector(time: 1234567890, codes: [.sha1: "89005924", .sha256: "91819424", .sha512: "93441116"]),
        TOTPVector(time: 2000000000, codes: [.sha1: "69279037", .sha256: "90698825", .sha512: "38618901"]),
        TOTPVector(time: 20000000000, codes: [.sha1: "65353130", .sha256: "77737706", .sha512: "47863826"]),
    ]

    /// Each hash has its own key length in the RFC's reference code (20, 32, 64 bytes).
    static func rfc6238Key(_ algorithm: OTPAlgorithm) -> [UInt8] {
        let length = switch algorithm { case .sha1: 20; case .sha256: 32; case .sha512: 64 }
        return Array(String(repeating: "1234567890", count: 7).utf8.prefix(length))
    }

    @Test(arguments: rfc6238)
    func rfc6238AppendixB(vector: TOTPVector) throws {
        for algorithm in OTPAlgorithm.allCases {
            let totp = try TOTPGenerator(secret: try OTPSecret(bytes: Self.rfc6238Key(algorithm)), algorithm: algorithm, digits: 8)
            #expect(totp.code(at: vector.time) == vector.codes[algorithm], "\(algorithm)")
        }
    }

    @Test func rfc6238KeysMatchTheSpecBase32() throws {
        #expect(Base32.encode(Self.rfc6238Key(.sha256)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA")
        #expect(Base32.encode(Self.rfc6238Key(.sha512)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA")
    }

    @Test func steamGuardExample() throws {
        let totp = try TOTPGenerator(secret: try OTPSecret(bytes: Array("12345678901234567890".utf8)))
        #expect(totp.steamCode(at: 59) == "PV9M4")
    }
}
