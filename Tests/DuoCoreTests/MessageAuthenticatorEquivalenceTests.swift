import Crypto
import DuoCore
import Foundation
import Testing

/// `MessageAuthenticator` prepares swift-crypto's `HMAC` once and copies it per message; every
/// entry point (generic, buffer, several regions) must give swift-crypto's one-shot code: keys of
/// every length around the hash block (64 bytes for SHA-1/256, 128 for SHA-512, longer keys are
/// hashed first), empty and multi-block messages, contiguous and non-contiguous message types.
struct MessageAuthenticatorEquivalenceTests {
    static func reference(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        switch algorithm {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }

    static func randomBytes(_ count: Int, _ generator: inout SystemRandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func everyKeyLengthAroundTheBlockGivesSwiftCryptosCode(_ algorithm: HashAlgorithm) {
        var generator = SystemRandomNumberGenerator()
        let keyLengths = Array(0...140) + [191, 192, 255, 256, 257, 1000]
        for keyLength in keyLengths {
            let key = Self.randomBytes(keyLength, &generator)
            let mac = MessageAuthenticator(algorithm, key: key)
            for messageLength in [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 300, Int.random(in: 0...700, using: &generator)] {
                let message = Self.randomBytes(messageLength, &generator)
                let expected = Self.reference(algorithm, key: key, message: message)
                #expect(mac.authenticationCode(for: message) == expected, "\(algorithm) key \(keyLength) message \(messageLength)")
                #expect(message.withUnsafeBytes { bytes in mac.withAuthenticationCode(for: bytes) { Array($0) } } == expected)
                #expect(mac.authenticationCode(for: Data(message)) == expected)
                #expect(mac.isValid(expected, for: message))
            }
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func messagesInSeveralRegionsGiveTheSameCode(_ algorithm: HashAlgorithm) {
        // DispatchData built from several buffers is a DataProtocol without contiguous storage.
        var generator = SystemRandomNumberGenerator()
        let key = Self.randomBytes(Int.random(in: 0...200, using: &generator), &generator)
        let mac = MessageAuthenticator(algorithm, key: key)
        for _ in 0..<50 {
            var message = DispatchData.empty
            var flat: [UInt8] = []
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                let part = Self.randomBytes(Int.random(in: 0...150, using: &generator), &generator)
                part.withUnsafeBytes { message.append($0) }
                flat += part
            }
            #expect(mac.authenticationCode(for: message) == Self.reference(algorithm, key: key, message: flat))
        }
    }

    @Test func theSameAuthenticatorServesConcurrentCallers() async {
        // The prepared states are shared; each message must hash from its own copy.
        let key = Array("concurrent-key".utf8)
        let mac = MessageAuthenticator(.sha512, key: key)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    return (0..<50).allSatisfy { _ in mac.authenticationCode(for: message) == Self.reference(.sha512, key: key, message: message) }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 })
    }
}
