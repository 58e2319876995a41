import DuoCore
import DuoOTP
import Foundation
import Testing

struct GeneratorTests {
    static let rfcSecret: OTPSecret = {
        guard let secret = try? OTPSecret(bytes: Array("12345678901234567890".utf8)) else { preconditionFailure("constant") }
        return secret
    }()

    @Test(arguments: [0, 5, 9, 10, -1])
    func digitsOutsideSixToEightAreRefused(digits: Int) {
        #expect(throws: OTPError.invalidDigits(digits)) { try HOTPGenerator(secret: Self.rfcSecret, digits: digits) }
        #expect(throws: OTPError.invalidDigits(digits)) { try TOTPGenerator(secret: Self.rfcSecret, digits: digits) }
    }

    @Test func periodZeroIsRefusedAndOneWorks() throws {
        #expect(throws: OTPError.invalidPeriod) { try TOTPGenerator(secret: Self.rfcSecret, period: 0) }
        let perSecond = try TOTPGenerator(secret: Self.rfcSecret, digits: 8, period: 1)
        let hotp = try HOTPGenerator(secret: Self.rfcSecret, digits: 8)
        #expect(perSecond.code(at: 59) == hotp.code(counter: 59))
    }

    @Test func emptySecretIsRefused() {
        #expect(throws: OTPError.emptySecret) { try OTPSecret(bytes: []) }
        #expect(throws: OTPError.invalidBase32(.empty)) { try OTPSecret(base32: "  ==") }
    }

    @Test func leadingZerosAreKept() throws {
        // RFC 6238: SHA-1 at 1111111109 is 07081804.
        let totp = try TOTPGenerator(secret: Self.rfcSecret, digits: 8)
        #expect(totp.code(at: 1111111109) == "07081804")
        let six = try TOTPGenerator(secret: Self.rfcSecret, digits: 6)
        #expect(six.code(at: 1111111109) == "081804")
        #expect(try TOTPGenerator(secret: Self.rfcSecret, digits: 7).code(at: 1111111109) == "7081804")
    }

    @Test func stepsAndRemainingTime() throws {
        let totp = try TOTPGenerator(secret: Self.rfcSecret)
        #expect(totp.step(at: 0) == 0)
        #expect(totp.step(at: 29) == 0)
        #expect(totp.step(at: 30) == 1)
        #expect(totp.secondsRemaining(at: 0) == 30)
        #expect(totp.secondsRemaining(at: 59) == 1)
        #expect(totp.step(at: UInt64.max) == UInt64.max / 30)
        _ = totp.code(at: UInt64.max)  // no trap at the end of the range
    }

    @Test func datesAreFlooredAndPreEpochRefused() throws {
        let totp = try TOTPGenerator(secret: Self.rfcSecret, digits: 8)
        #expect(try totp.code(at: Date(timeIntervalSince1970: 59.999)) == "94287082")
        #expect(try totp.step(at: Date(timeIntervalSince1970: 0)) == 0)
        #expect(throws: OTPError.timeBeforeEpoch) { try totp.code(at: Date(timeIntervalSince1970: -1)) }
        #expect(throws: OTPError.timeBeforeEpoch) { try totp.code(at: Date(timeIntervalSince1970: .infinity)) }
    }

    @Test func counterExtremes() throws {
        let hotp = try HOTPGenerator(secret: Self.rfcSecret)
        #expect(hotp.code(counter: UInt64.max).count == 6)
        #expect(hotp.code(counter: UInt64.max) != hotp.code(counter: UInt64.max - 1) || hotp.code(counter: 0) != hotp.code(counter: 1))
    }

    @Test func isValidRefusesMalformedCodes() throws {
        let hotp = try HOTPGenerator(secret: Self.rfcSecret)
        #expect(hotp.isValid("755224", counter: 0))
        #expect(!hotp.isValid("755225", counter: 0))
        for bad in ["75522", "7552240", " 755224", "755224 ", "７５５２２４", "+55224", "-55224", ""] {
            #expect(!hotp.isValid(bad, counter: 0), "\(bad)")
        }
    }

    @Test func keysLongerThanTheBlockAreHashedByHMAC() throws {
        // HMAC hashes a key longer than the block; the code must equal that of the hashed key.
        let long = try OTPSecret(bytes: Array(repeating: 0x61, count: 100))
        let hashed = try OTPSecret(bytes: HashAlgorithm.sha1.hash(Array(repeating: UInt8(0x61), count: 100)))
        #expect(try HOTPGenerator(secret: long).code(counter: 7) == (try HOTPGenerator(secret: hashed).code(counter: 7)))
    }

    @Test func randomSecretsHaveTheRequestedLength() throws {
        let first = try OTPSecret.random()
        let second = try OTPSecret.random(byteCount: OTPAlgorithm.sha512.recommendedSecretByteCount)
        #expect(first.byteCount == 20 && !first.isWeak)
        #expect(second.byteCount == 64)
        #expect(first != (try OTPSecret.random()))
        #expect(throws: OTPError.emptySecret) { try OTPSecret.random(byteCount: 0) }
        #expect(try OTPSecret(base32: "JBSWY3DPEHPK3PXP").isWeak)
    }
}
