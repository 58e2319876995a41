import DuoCore
import Foundation
import Testing

struct CryptoTests {
    // RFC 4231 test case 2 ("Jefe") and RFC 2202 test case 2 for SHA-1.
    @Test func hmacRFCVectors() {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        #expect(Hex.encode(MessageAuthenticator(.sha1, key: key).authenticationCode(for: message))
                == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(Hex.encode(MessageAuthenticator(.sha256, key: key).authenticationCode(for: message))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Hex.encode(MessageAuthenticator(.sha512, key: key).authenticationCode(for: message))
                == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    @Test func hmacLongKeyIsHashedFirst() {
        // RFC 4231 test case 6: a 131-byte key, longer than the SHA-512 block.
        let key = [UInt8](repeating: 0xAA, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(Hex.encode(MessageAuthenticator(.sha512, key: key).authenticationCode(for: message))
                == "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")
    }

    @Test func preparedKeyGivesTheSameCodeEveryTime() {
        let mac = MessageAuthenticator(.sha512, key: Array("key".utf8))
        let first = mac.authenticationCode(for: Array("one".utf8))
        _ = mac.authenticationCode(for: Array("two".utf8))
        #expect(mac.authenticationCode(for: Array("one".utf8)) == first)
        #expect(mac.isValid(first, for: Array("one".utf8)))
        #expect(!mac.isValid(first, for: Array("two".utf8)))
        var tampered = first
        tampered[63] ^= 1
        #expect(!mac.isValid(tampered, for: Array("one".utf8)))
        #expect(!mac.isValid(Array(first.dropLast()), for: Array("one".utf8)))
    }

    @Test func sha2Digests() {
        #expect(Hex.encode(HashAlgorithm.sha512.hash([])) ==
                "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        #expect(Hex.encode(HashAlgorithm.sha256.hash(Array("abc".utf8))) ==
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(HashAlgorithm.sha1.digestByteCount == 20)
        #expect(HashAlgorithm.sha512.description == "SHA512")
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        #expect(!ConstantTime.equals([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        #expect(ConstantTime.equals("state-value", "state-value"))
        #expect(!ConstantTime.equals("state-value", "state-valuE"))
        #expect(ConstantTime.equals("", ""))
    }

    @Test func constantTimeStringComparisonIsOfBytes() {
        // Strings compare by their UTF-8 bytes, so canonically equivalent strings with different
        // bytes are not equal (the comparison is of bytes, not characters).
        let cases: [(String, String)] = [
            ("state-value", "state-value"), ("state-value", "state-valuE"), ("", ""), ("", "a"),
            ("caf\u{E9}", "cafe\u{301}"), ("caf\u{E9}", "caf\u{E9}"), ("\r\n", "\r\n"), ("é", "e"),
            (String(repeating: "x", count: 1000), String(repeating: "x", count: 999) + "y"),
        ]
        for (left, right) in cases {
            let bytes = ConstantTime.equals(Array(left.utf8), Array(right.utf8))
            #expect(ConstantTime.equals(left, right) == bytes)
            #expect(ConstantTime.equals(left, right) == (Array(left.utf8) == Array(right.utf8)))
        }
        // Bridged or slice-backed text goes through the same bytes.
        let long = "prefix-" + String(repeating: "ab", count: 20)
        #expect(ConstantTime.equals(String(long.dropFirst(7)), String(repeating: "ab", count: 20)))
    }

    @Test func randomStringsAreAlphanumericAndDistinct() throws {
        let state = try SecureRandom.state()
        #expect(state.count == 36)
        #expect(state.utf8.allSatisfy { SecureRandom.alphanumerics.contains($0) })
        #expect(try SecureRandom.state(length: 16).count == 16)
        #expect(try SecureRandom.state(length: 1024).count == 1024)
        #expect(SecureRandom.nonce().count == 36)
        #expect(SecureRandom.jwtID().count == 36)
        var seen = Set<String>()
        for _ in 0..<200 { seen.insert(SecureRandom.jwtID()) }
        #expect(seen.count == 200)
    }

    @Test("State lengths outside 16...1024 are refused", arguments: [0, 15, 1025, -1])
    func stateLengthBounds(length: Int) {
        #expect(throws: DuoError.invalidArgument) { try SecureRandom.state(length: length) }
    }

    @Test func randomCharactersAreRoughlyUniform() throws {
        // 62 000 characters: each symbol is expected 1000 times; a biased generator (modulo bias
        // or doubled digits as in Duo's Go SDK) shifts digits by ~15 %. Bounds are ±25 % so a
        // fair generator fails with negligible probability.
        let text = try SecureRandom.alphanumericString(length: 62_000)
        var counts = [UInt8: Int]()
        for byte in text.utf8 { counts[byte, default: 0] += 1 }
        #expect(counts.count == 62)
        for (_, count) in counts { #expect((750...1250).contains(count)) }
    }
}
