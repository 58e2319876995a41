import DuoCore
import DuoTransport
import Foundation
import Testing

/// Prints configurations and errors every way Swift can and checks that no secret shows.
struct SecretRedactionTests {
    static let clientSecretText = "CLIENTSECRETclientsecretCLIENTSECRET0001"
    static let secretKeyText = "SKEYSECRETskeysecretSKEYSECRETskeysec002"
    static let proxyPassword = "proxy-PASSWORD-9731"

    /// Every printed form of a value.
    static func renderings(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        var mirrorText = ""
        for child in Mirror(reflecting: value).children { mirrorText += "\(child.label ?? "") \(child.value)\n" }
        return [
            "\(value)",
            String(describing: value),
            String(reflecting: value),
            dumped,
            mirrorText,
        ]
    }

    static func assertClean(_ value: Any, _ label: String) {
        for text in renderings(of: value) {
            #expect(!text.contains(clientSecretText), "\(label) leaked the client secret: \(text)")
            #expect(!text.contains(secretKeyText), "\(label) leaked the secret key")
            #expect(!text.contains(proxyPassword), "\(label) leaked the proxy password")
            #expect(!text.contains("CLIENTSECRET"), "\(label) leaked part of the client secret")
        }
    }

    @Test func secretsNeverPrint() throws {
        let clientSecret = try ClientSecret(Self.clientSecretText)
        let secretKey = try SecretKey(Self.secretKeyText)
        Self.assertClean(clientSecret, "ClientSecret")
        Self.assertClean(secretKey, "SecretKey")
        #expect("\(clientSecret)" == "ClientSecret(<redacted>)")
        #expect(String(reflecting: secretKey) == "SecretKey(<redacted>)")

        struct Configuration { let id: ClientID; let secret: ClientSecret; let host: APIHost; let skey: SecretKey }
        let configuration = Configuration(id: try ClientID("DIXXXXXXXXXXXXXXXXXX"), secret: clientSecret,
                                          host: try APIHost("api-x.duosecurity.com"), skey: secretKey)
        Self.assertClean(configuration, "a configuration holding secrets")
        Self.assertClean([clientSecret], "an array of secrets")
        Self.assertClean(Optional(clientSecret) as Any, "an optional secret")
    }

    @Test func proxyPasswordNeverPrints() throws {
        let proxy = ProxyConfiguration(url: try #require(URL(string: "http://proxy.example.com:8001")), username: "svc", password: Self.proxyPassword)
        Self.assertClean(proxy, "ProxyConfiguration")
        #expect("\(proxy)".contains("<redacted>"))
        var configuration = TransportConfiguration()
        configuration.proxy = proxy
        Self.assertClean(configuration, "TransportConfiguration")
    }

    @Test func errorsNeverCarrySecrets() throws {
        let signer = JWTSigner(secret: try ClientSecret(Self.clientSecretText))
        let token = try signer.sign(RegisteredClaims(issuer: "x", expiresAt: 1))
        var errors: [any Error] = []
        for attempt in [token + "x", "a.b", token, String(token.dropLast(3)) + "AAA"] {
            do {
                _ = try signer.verify(attempt, as: RegisteredClaims.self, validation: ClaimsValidation(issuer: "y"))
            } catch {
                errors.append(error)
            }
        }
        for attempt in [String(Self.clientSecretText.dropLast()), Self.clientSecretText + "!", Self.clientSecretText.replacingOccurrences(of: "0", with: " ")] {
            do { _ = try ClientSecret(attempt) } catch { errors.append(error) }
            do { _ = try SecretKey(attempt) } catch { errors.append(error) }
        }
        #expect(errors.count >= 9)
        for error in errors {
            Self.assertClean(error, "an error")
            let localized = error as? any LocalizedError
            for text in [localized?.errorDescription, localized?.recoverySuggestion, error.localizedDescription] {
                #expect(!(text ?? "").contains("CLIENTSECRET"))
            }
        }
    }
}
