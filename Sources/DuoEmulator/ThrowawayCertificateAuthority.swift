#if Emulator
import Crypto
public import Foundation
public import NIOSSL
import SwiftASN1
import X509

/// A certificate authority made at start and thrown away at exit, so the emulator can serve
/// HTTPS on loopback and clients can trust it by its CA file alone (never the system store).
///
/// The CA (P-256, valid 7 days, path length 0) signs one server certificate for every name a
/// client may use for loopback: ``loopbackNames`` as DNS names (clients such as Duo's Python Auth
/// API client match host names against DNS entries only) and 127.0.0.1 and ::1 as IP
/// addresses (what browsers and libcurl match an address against). Its private key never leaves
/// memory; only the CA certificate is written out.
public struct ThrowawayCertificateAuthority: Sendable {
    /// The CA certificate, PEM: what clients trust (for example `TrustPolicy.customRoots`).
    public let caCertificatePEM: String
    /// The server's TLS configuration (the leaf certificate and its key).
    public let serverTLSConfiguration: TLSConfiguration

    /// The DNS names of the server certificate: `localhost` and `127.0.0.1`.
    public static let loopbackNames = ["localhost", "127.0.0.1"]
    /// The IP addresses of the server certificate: 127.0.0.1 and ::1.
    static let loopbackAddresses: [[UInt8]] = [[127, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]

    /// Why the CA could not be made.
    public struct Failure: Error, LocalizedError {
        let reason: String
        /// What went wrong, short.
        public var errorDescription: String? { "The emulator could not create its throwaway HTTPS certificates: \(reason)." }
        /// What to do next.
        public var recoverySuggestion: String? { "Run the emulator with --http to serve plain HTTP on loopback instead." }
    }

    /// Generates a CA and a server certificate for 127.0.0.1 / localhost.
    ///
    /// The parameters make deliberately defective server certificates for fault-injection
    /// tests; leave them at their defaults to serve a valid one.
    ///
    /// - Parameters:
    ///   - serverCertificateValidity: When the server certificate is valid (default: from 5
    ///     minutes ago for 7 days); pass a past range for an expired certificate.
    ///   - serverDNSNames: The server certificate's DNS names (default `nil`: ``loopbackNames``
    ///     and the IP addresses 127.0.0.1 and ::1); pass other names for a certificate that does
    ///     not match loopback.
    ///   - caCommonName: The CA's common name (default `duo-emulator throwaway CA`); give two CAs
    ///     different names so a client trusting one cannot find the other's issuer by name at all.
    public init(serverCertificateValidity: ClosedRange<Date>? = nil, serverDNSNames: [String]? = nil,
                caCommonName: String = "duo-emulator throwaway CA") throws(Failure) {
        do {
            let now = Date()
            let caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName {
                OrganizationName("swift-duo")
                CommonName(caCommonName)
            }
            let ca = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey),
                notValidBefore: now - 300, notValidAfter: now + 7 * 86_400, issuer: caName, subject: caName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                },
                issuerPrivateKey: .init(caKey))
            let leafKey = P256.Signing.PrivateKey()
            let leafName = try DistinguishedName { CommonName(serverDNSNames?.first ?? "127.0.0.1") }
            let alternativeNames: [GeneralName] = serverDNSNames.map { $0.map { .dnsName($0) } }
                ?? Self.loopbackNames.map { GeneralName.dnsName($0) }
                + Self.loopbackAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: ArraySlice($0))) }
            let leaf = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
                notValidBefore: serverCertificateValidity?.lowerBound ?? now - 300,
                notValidAfter: serverCertificateValidity?.upperBound ?? now + 7 * 86_400, issuer: caName, subject: leafName,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames(alternativeNames)
                },
                issuerPrivateKey: .init(caKey))
            caCertificatePEM = try ca.serializeAsPEM().pemString
            let leafPEM = try leaf.serializeAsPEM().pemString
            let certificate = try NIOSSLCertificate(bytes: Array(leafPEM.utf8), format: .pem)
            let key = try NIOSSLPrivateKey(bytes: Array(leafKey.pemRepresentation.utf8), format: .pem)
            serverTLSConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        } catch {
            throw Failure(reason: String(describing: type(of: error)))
        }
    }

    /// Writes the CA certificate to `path` (readable by the owner only) and returns the path.
    @discardableResult
    public func writeCACertificate(to path: String) throws -> String {
        try Data(caCertificatePEM.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }
}
#endif
