import DuoCore
import Foundation
import Testing
@testable import DuoTransport

/// The embedded bundle holds exactly the 15 roots of duo-universal-protocol.md section 9.
struct PinnedRootsTests {
    static let expectedSPKIHashes: Set<String> = [
        "++MBgDH5WGvL9Bcn5Be30cRcL0f5O+NyoXuWtQdX1aI=", "f0KW/FtqTjs108NpYj42SrGvOB2PpxIVM8nWxjPqJGE=",
        "NqvDJlas/GRcYbcWE8S/IceH9cq77kg0jVhZeAPXq8k=", "9+ze1cZgR9KO1kZrVDxA4HQ6voHRCSVNz4RdTCx4U8U=",
        "KwccWaCgrnaw6tsrrSO61FgLacNgG2MMLq8GE6+oP5I=", "WoiWRyIOVNa9ihaBciRSC7XHjliYS9VwUGOIud4PB18=",
        "oC+voZLIy4HLE0FVT5wFtxzKKokLDRKY1oNkfJYe+98=", "ape1HIIZ6T5d7GS61YBs3rD4NVvkfnVwELcCRW4Bqv0=",
        "rn+WLLnmp9v3uDP7GPqbcaiRdd+UnCMrap73yz3yu/w=", "4EoCLOMvTM8sf2BGKHuCijKpCfXnUUR/g/0scfb9gXM=",
        "Vfd95BwDeSQo+NUYxVEEIlvkOlWY2SalKK1lPhzOx78=", "mEflZT5enoR1FuXLgYYGqnVEoZvmf9c2bVBpiOjYQ0c=",
        "B+hU8mp8vTiZJ6oEG/7xts0h3RQ4GK2UfcZVqeWH/og=", "uu5PB+MS9L3/ffB/PuTG6A+WjsTtTaF52qqjrcHFXRU=",
        "gI1os/q0iEpflxrOfRBVDXqVoWN3Tz7Dav/7IT++THQ=",
    ]

    @Test func bundleHoldsExactlyTheFifteenPinnedRoots() throws {
        let certificates = try Self.derCertificates(DuoPinnedRoots.pem)
        #expect(certificates.count == 15)
        #expect(DuoPinnedRoots.certificateCount == 15)
        let hashes = try certificates.map { der -> String in
            let spki = try DER.subjectPublicKeyInfo(of: der)
            return Data(HashAlgorithm.sha256.hash(spki)).base64EncodedString()
        }
        #expect(Set(hashes) == Self.expectedSPKIHashes)
        #expect(Set(hashes).count == 15)
    }

    static func derCertificates(_ pem: String) throws -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: String?
        for line in pem.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "-----BEGIN CERTIFICATE-----" { current = "" }
            else if trimmed == "-----END CERTIFICATE-----" {
                let der = try #require(Data(base64Encoded: current ?? ""))
                result.append([UInt8](der))
                current = nil
            } else if current != nil { current? += trimmed }
        }
        return result
    }
}

/// Just enough DER to find a certificate's SubjectPublicKeyInfo.
enum DER {
    struct Malformed: Error {}

    /// Returns (header length, content length) of the element at `offset`.
    static func element(_ bytes: [UInt8], at offset: Int) throws -> (tag: UInt8, header: Int, length: Int) {
        guard offset + 2 <= bytes.count else { throw Malformed() }
        let tag = bytes[offset]
        let first = Int(bytes[offset + 1])
        if first < 0x80 { return (tag, 2, first) }
        let count = first & 0x7F
        guard count >= 1, count <= 4, offset + 2 + count <= bytes.count else { throw Malformed() }
        var length = 0
        for byte in bytes[(offset + 2)..<(offset + 2 + count)] { length = length << 8 | Int(byte) }
        return (tag, 2 + count, length)
    }

    /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version?, serial, signature,
    /// issuer, validity, subject, subjectPublicKeyInfo, ... }, ... }
    static func subjectPublicKeyInfo(of certificate: [UInt8]) throws -> [UInt8] {
        let outer = try element(certificate, at: 0)
        let tbsOffset = outer.header
        let tbs = try element(certificate, at: tbsOffset)
        var offset = tbsOffset + tbs.header
        let firstField = try element(certificate, at: offset)
        if firstField.tag == 0xA0 { offset += firstField.header + firstField.length }
        for _ in 0..<5 {  // serial, signature, issuer, validity, subject
            let field = try element(certificate, at: offset)
            offset += field.header + field.length
        }
        let spki = try element(certificate, at: offset)
        guard spki.tag == 0x30, offset + spki.header + spki.length <= certificate.count else { throw Malformed() }
        return Array(certificate[offset..<(offset + spki.header + spki.length)])
    }
}
