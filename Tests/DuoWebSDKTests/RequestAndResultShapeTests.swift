import DuoCore
import DuoTesting
import DuoWebSDK
import Foundation
import Testing

/// The authorize URL and its request object against Foundation's reading of them, and the
/// typed result read from every `access_device` field.
@Suite struct RequestAndResultShapeTests {
    @Test(arguments: [
        AuthorizationOptions(),
        AuthorizationOptions(nonce: Py.nonce),
        AuthorizationOptions(nonce: Py.nonce, destinationAppName: "App \"quoted\" \\ name", destinationAppID: "app-1",
                             displayUsername: "Alice Ä", maxAge: 0, prompt: "login"),
    ])
    func theURLStringIsTheURLsText(_ options: AuthorizationOptions) throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        let text = try client.authorizationURLString(username: "alice", state: Py.state, options: options)
        let url = try client.authorizationURL(username: "alice", state: Py.state, options: options)
        #expect(text == url.absoluteString)
        #expect(URL(string: text) == url)
    }

    @Test func theURLStringChecksItsInputsLikeTheURL() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        #expect(throws: DuoWebError.self) { try client.authorizationURLString(username: "alice", state: "short") }
        #expect(throws: DuoWebError.self) { try client.authorizationURLString(username: "  ", state: Py.state) }
        #expect(throws: DuoWebError.self) {
            try client.authorizationURLString(username: "alice", state: Py.state, options: AuthorizationOptions(maxAge: -1))
        }
    }

    @Test func theRequestClaimsAreWhatJSONEncoderWritesForThem() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        let options = AuthorizationOptions(nonce: Py.nonce, destinationAppName: "n", destinationAppID: "i",
                                           displayUsername: "d", maxAge: 60, prompt: "login")
        let text = try client.authorizationURLString(username: "alice", state: Py.state, options: options)
        let url = try #require(URL(string: text))
        let request = try #require(queryItems(url)["request"])
        let payloadJSON = try Base64URL.decode(request.split(separator: ".")[1])
        let claims = try JSONDecoder().decode([String: JSONValue].self, from: Data(payloadJSON))
        #expect(payloadJSON == jsonBytes(.object(claims)))
        #expect(claims.count == 16)
    }

    @Test func theAccessDeviceReadsEveryFieldAndPrefersHostname() throws {
        let client = try DuoWebClient(configuration: try makeConfiguration(), transport: MockHTTPTransport())
        var claims = validClaims(now: 1_700_000_000)
        claims["auth_context"] = .object([
            "txid": .string("t"), "timestamp": .integer(5), "factor": .string("duo_push"),
            "access_device": .object([
                "hostname": .string("primary"), "host_name": .string("go-style"), "ip": .string("1.2.3.4"),
                "location": .object(["city": .string("Ann Arbor"), "state": .string("MI"), "country": .string("US")]),
                "is_encryption_enabled": .bool(true), "is_firewall_enabled": .null, "is_password_set": .string("unknown"),
                "os": .string("Linux"), "epkey": .integer(3),
            ]),
        ])
        let result = try client.verifyIDToken(signToken(claims), username: "user1", nonce: nil)
        let device = try #require(result.context?.accessDevice)
        #expect(device.hostname == "primary")
        #expect(device.ip == "1.2.3.4")
        #expect(device.location?.city == "Ann Arbor")
        #expect(device.location?.state == "MI")
        #expect(device.location?.country == "US")
        #expect(device.isEncryptionEnabled == .enabled)
        #expect(device.isFirewallEnabled == nil)
        #expect(device.isPasswordSet == .unknown)
        #expect(device.os == "Linux")
        #expect(device.endpointKey == nil)
        #expect(result.context?.transactionID == "t")
        #expect(result.context?.timestamp == 5)

        claims["auth_context"] = .object(["access_device": .object(["host_name": .string("go-style")])])
        let goStyle = try client.verifyIDToken(signToken(claims), username: "user1", nonce: nil)
        #expect(goStyle.context?.accessDevice?.hostname == "go-style")
    }
}
