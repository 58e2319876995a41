import DuoCore
import Foundation
import Testing

struct IdentifierTests {
    @Test func validClientIDAndSecret() throws {
        #expect(try ClientID("DIXXXXXXXXXXXXXXXXXX").rawValue == "DIXXXXXXXXXXXXXXXXXX")
        _ = try ClientSecret("deadbeefdeadbeefdeadbeefdeadbeefdeadbeef")
        #expect(try IntegrationKey("DIWJ8X6AEYOR5OMC6TQ1").description == "DIWJ8X6AEYOR5OMC6TQ1")
        _ = try SecretKey("Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep")
    }

    @Test("Bad client IDs", arguments: ["", "DIXXXXXXXXXXXXXXXXX", "DIXXXXXXXXXXXXXXXXXXX", "DIXXXXXXXX XXXXXXXXX", "DIXXXXXXXXXXXXXXXXX\n", "DIXXXXXXXXXXXXXXXXXé"])
    func badClientIDs(_ text: String) {
        #expect(throws: DuoError.invalidClientID) { try ClientID(text) }
    }

    @Test("Bad client secrets", arguments: ["", "short", String(repeating: "a", count: 39), String(repeating: "a", count: 41), String(repeating: "a", count: 39) + " ", String(repeating: "a", count: 39) + "\t"])
    func badClientSecrets(_ text: String) {
        #expect(throws: DuoError.invalidClientSecret) { try ClientSecret(text) }
    }

    @Test func secretErrorsNeverEchoTheValue() {
        let almost = "SECRETVALUESECRETVALUESECRETVALUESECRET"   // 39 characters
        do {
            _ = try ClientSecret(almost)
            Issue.record("accepted a 39-character secret")
        } catch {
            #expect(error.reason?.contains("40") == true)
            for text in [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)] {
                #expect(!text.contains("SECRETVALUE"))
            }
        }
    }

    @Test("Valid API hosts", arguments: [
        ("api-xxxxxxxx.duosecurity.com", "api-xxxxxxxx.duosecurity.com", nil),
        ("API-XXXXXXXX.DuoSecurity.com", "api-xxxxxxxx.duosecurity.com", nil),
        ("127.0.0.1:8443", "127.0.0.1", 8443),
        ("localhost:1", "localhost", 1),
        ("[::1]:8443", "::1", 8443),
    ] as [(String, String, Int?)])
    func validHosts(text: String, hostname: String, port: Int?) throws {
        let host = try APIHost(text)
        #expect(host.hostname == hostname)
        #expect(host.port == port)
        #expect(try APIHost(host.authority) == host)
    }

    @Test("Invalid API hosts", arguments: [
        "", "https://api-xxxxxxxx.duosecurity.com", "api-xxxxxxxx.duosecurity.com/", "api.duosecurity.com/path",
        "user@api.duosecurity.com", " api.duosecurity.com", "api.duosecurity.com ", "api .duosecurity.com",
        "api.duosecurity.com:0", "api.duosecurity.com:65536", "api.duosecurity.com:http", "api.duosecurity.com:",
        "a:b:c", "-api.duosecurity.com", "api..duosecurity.com", "[::1", "api.duosecurity.com?x=1", "apí.duosecurity.com",
        "api_host.duosecurity.com",
    ])
    func invalidHosts(_ text: String) {
        #expect(throws: DuoError.invalidAPIHost) { try APIHost(text) }
    }

    /// Regression for a fuzzing finding (FuzzIdentifiers): "[.]:4" was accepted with hostname
    /// "." and printed as the authority ".:4", which no longer parses; "[1]" printed as "1", a
    /// different (DNS) host. A bracketed host must be a real IPv6 address.
    @Test("Bracketed hosts that are not IPv6 addresses", arguments: [
        "[.]:4", "[.]", "[1]", "[1]:443", "[:]", "[...]", "[1.2.3.4]", "[::1::2]", "[12345::1]", "[]", "[fffff::]",
    ])
    func bracketedNonIPv6HostsAreRefused(_ text: String) {
        #expect(throws: DuoError.invalidAPIHost) { try APIHost(text) }
    }

    @Test("Bracketed IPv6 forms round-trip", arguments: ["[::1]", "[2001:db8::1]:8443", "[::ffff:127.0.0.1]:1", "[FE80::A]"])
    func bracketedIPv6HostsRoundTrip(_ text: String) throws {
        let host = try APIHost(text)
        #expect(host.hostname.contains(":"))
        #expect(try APIHost(host.authority) == host)
    }

    @Test func schemeMistakeIsExplained() {
        do {
            _ = try APIHost("https://api-x.duosecurity.com")
            Issue.record("accepted a scheme")
        } catch {
            #expect(error.reason?.contains("scheme") == true)
        }
    }

    @Test func loopbackDetection() throws {
        #expect(try APIHost("127.0.0.1:8443").isLoopback)
        #expect(try APIHost("localhost").isLoopback)
        #expect(try APIHost("[::1]:1").isLoopback)
        #expect(try !APIHost("api-x.duosecurity.com").isLoopback)
        #expect(try APIHost("api-x.duosecurity.com").httpsBaseURL == "https://api-x.duosecurity.com")
        #expect(try APIHost("[::1]:8443").httpsBaseURL == "https://[::1]:8443")
    }

    @Test func secretEqualityAndHashing() throws {
        let a = try ClientSecret(String(repeating: "a", count: 40))
        let b = try ClientSecret(String(repeating: "a", count: 40))
        let c = try ClientSecret(String(repeating: "b", count: 40))
        #expect(a == b)
        #expect(a != c)
        #expect(Set([a, b, c]).count == 2)
    }
}
