import DuoCore
import DuoWebSDK
import Foundation
import Testing

/// Provider validation, the providers file and the environment.
struct ProviderLoadingTests {
    static let studentsSecret = "studentsecretstudentsecretstudentsecretX"

    /// A valid provider entry as JSON fields, to break one field at a time.
    static func entry(name: String = "Staff") -> [String: JSONValue] {
        ["name": .string(name), "enabled": .bool(true), "api_host": .string(Py.host), "client_id": .string(Py.clientID),
         "client_secret": .string(Py.secret), "redirect_uri": .string("https://sso.example.edu/duo/callback")]
    }

    static func file(_ entries: [[String: JSONValue]]) -> Data {
        Data(jsonBytes(.object(["providers": .array(entries.map { .object($0) })])))
    }

    // MARK: Direct construction

    @Test func validProvider() throws {
        let provider = try DuoProvider(name: "Staff Duo", apiHost: "API-X.duosecurity.com", clientID: Py.clientID,
                                       clientSecret: Py.secret, redirectURI: "https://app.example.com/cb")
        #expect(provider.isEnabled)
        #expect(provider.apiHost.hostname == "api-x.duosecurity.com")
        #expect(provider.configuration().healthCheckURLString == "https://api-x.duosecurity.com/oauth/v1/health_check")
    }

    @Test(arguments: [
        ("", "name"), (" Staff", "name"), ("Staff ", "name"), ("Staff/1", "name"), ("Staff\n", "name"),
        (String(repeating: "a", count: 65), "name"),
    ])
    func invalidNames(name: String, field: String) {
        let error = #expect(throws: DuoProviderError.invalidField) {
            try DuoProvider(name: name, apiHost: Py.host, clientID: Py.clientID, clientSecret: Py.secret, redirectURI: Py.redirect)
        }
        #expect(error?.field == field)
        #expect(error?.recoverySuggestion?.contains("name") == true)
    }

    @Test(arguments: [
        ("https://api-x.duosecurity.com", Py.clientID, Py.secret, Py.redirect, "apiHost"),
        (Py.host, "DIXXX", Py.secret, Py.redirect, "clientID"),
        (Py.host, Py.clientID, "deadbeef", Py.redirect, "clientSecret"),
        (Py.host, Py.clientID, Py.secret + " ", Py.redirect, "clientSecret"),
        (Py.host, Py.clientID, Py.secret, "", "redirectURI"),
        (Py.host, Py.clientID, Py.secret, "http://app.example.com/cb", "redirectURI"),
        (Py.host, Py.clientID, Py.secret, "https://app.example.com/cb#x", "redirectURI"),
    ])
    func invalidFields(host: String, id: String, secret: String, redirect: String, field: String) {
        let error = #expect(throws: DuoProviderError.invalidField) {
            try DuoProvider(name: "Staff", apiHost: host, clientID: id, clientSecret: secret, redirectURI: redirect)
        }
        #expect(error?.field == field)
        #expect(error?.reason?.isEmpty == false)
        #expect(error?.recoverySuggestion?.isEmpty == false)
        #expect(error.map { "\($0)" }?.contains("deadbeef") == false)
    }

    @Test func secretIsRedacted() throws {
        let provider = try DuoProvider(name: "Staff", apiHost: Py.host, clientID: Py.clientID, clientSecret: Py.secret, redirectURI: Py.redirect)
        var dumped = ""
        dump(provider, to: &dumped)
        for text in [provider.description, provider.debugDescription, "\(provider)", String(reflecting: provider), dumped] {
            #expect(!text.contains(Py.secret))
            #expect(!text.contains("deadbeef"))
        }
        #expect(provider.description.contains("<redacted>"))
        #expect(provider.description.contains("Staff"))
    }

    // MARK: File

    @Test func loadsFixtureFile() throws {
        let url = try #require(fixtureURL("providers.json"))
        let providers = try DuoProvider.load(contentsOf: url, environment: ["STUDENTS_DUO_SECRET": Self.studentsSecret])
        #expect(providers.map(\.name) == ["Staff", "Students", "Local emulator"])
        #expect(providers.map(\.isEnabled) == [true, false, true])
        #expect(providers[1].clientSecret == (try ClientSecret(Self.studentsSecret)))
        #expect(providers[2].apiHost.port == 8443)
        #expect(providers[2].redirectURI.absoluteString == "http://127.0.0.1:8080/duo/callback")
    }

    @Test func fixtureFileNeedsTheSecretVariable() throws {
        let url = try #require(fixtureURL("providers.json"))
        let error = #expect(throws: DuoProviderError.invalidField) { try DuoProvider.load(contentsOf: url, environment: [:]) }
        #expect(error?.field == "client_secret_env")
        #expect(error?.providerIndex == 1)
        #expect(error?.providerName == "Students")
        #expect(error?.errorDescription?.contains("provider #2 (\"Students\")") == true)
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/swift-duo/providers.json")
        #expect(throws: DuoProviderError.fileUnreadable) { try DuoProvider.load(contentsOf: url) }
    }

    @Test func oversizedFileIsRefusedUnread() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("providers-\(UUID().uuidString).json")
        try Data(repeating: 0x20, count: DuoProvider.maximumFileSize + 1).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DuoProviderError.fileUnreadable) { try DuoProvider.load(contentsOf: url) }
    }

    /// One broken field per case: the error names the field, the provider's index and name.
    @Test(arguments: [
        ("name", JSONValue?.none, "name"),
        ("name", .integer(3), "name"),
        ("name", .string(""), "name"),
        ("enabled", .string("yes"), "enabled"),
        ("enabled", .integer(1), "enabled"),
        ("api_host", nil, "api_host"),
        ("api_host", .string("https://api-x.duosecurity.com/"), "api_host"),
        ("api_host", .bool(true), "api_host"),
        ("client_id", nil, "client_id"),
        ("client_id", .string("DI123"), "client_id"),
        ("client_secret", nil, "client_secret"),
        ("client_secret", .string("tooshort"), "client_secret"),
        ("client_secret", .array([]), "client_secret"),
        ("redirect_uri", nil, "redirect_uri"),
        ("redirect_uri", .string("ftp://sso.example.edu/cb"), "redirect_uri"),
        ("clientId", .string(Py.clientID), "clientId"),
    ])
    func invalidEntryField(key: String, value: JSONValue?, field: String) {
        var broken = Self.entry(name: "Second")
        broken[key] = value
        let data = Self.file([Self.entry(), broken])
        let error = #expect(throws: DuoProviderError.invalidField) { try DuoProvider.decodeList(from: data, environment: [:]) }
        #expect(error?.field == field)
        #expect(error?.providerIndex == 1)
        #expect(error?.providerName == (key == "name" ? nil : "Second"))
        #expect(error?.recoverySuggestion?.isEmpty == false)
        #expect(error?.errorDescription?.contains(Py.secret) == false)
        #expect(error?.errorDescription?.contains("tooshort") == false)
    }

    @Test func bothSecretFormsAreRefused() {
        var entry = Self.entry()
        entry["client_secret_env"] = .string("X")
        let error = #expect(throws: DuoProviderError.invalidField) { try DuoProvider.decodeList(from: Self.file([entry]), environment: ["X": Py.secret]) }
        #expect(error?.field == "client_secret")
    }

    @Test func defaultRedirectURIFillsMissingOnes() throws {
        var entry = Self.entry()
        entry["redirect_uri"] = nil
        let providers = try DuoProvider.decodeList(from: Self.file([entry]), defaultRedirectURI: "https://sso.example.edu/default", environment: [:])
        #expect(providers.first?.redirectURI.absoluteString == "https://sso.example.edu/default")
    }

    @Test func duplicateNamesInFileIgnoreCase() {
        let error = #expect(throws: DuoProviderError.duplicateName) {
            try DuoProvider.decodeList(from: Self.file([Self.entry(name: "Staff"), Self.entry(name: "Other"), Self.entry(name: "STAFF")]), environment: [:])
        }
        #expect(error?.providerIndex == 2)
        #expect(error?.providerName == "STAFF")
    }

    @Test(arguments: [
        "", "not json", "[]", #"{"providers": {}}"#, #"{"providers": [1]}"#, #"{"provider": []}"#,
        #"{"providers": [], "extra": 1}"#,
    ])
    func malformedFiles(text: String) {
        #expect(throws: DuoProviderError.malformedFile) { try DuoProvider.decodeList(from: Data(text.utf8), environment: [:]) }
    }

    @Test func emptyProviderListIsValid() throws {
        #expect(try DuoProvider.decodeList(from: Data(#"{"providers": []}"#.utf8)).isEmpty)
    }

    // MARK: Environment

    static let environment = ["DUO_CLIENT_ID": Py.clientID, "DUO_CLIENT_SECRET": Py.secret, "DUO_API_HOST": Py.host,
                              "DUO_REDIRECT_URI": "https://sso.example.edu/duo/callback"]

    @Test func loadsFromEnvironment() throws {
        let provider = try DuoProvider(environment: Self.environment, name: "Campus")
        #expect(provider.name == "Campus")
        #expect(provider.clientID.rawValue == Py.clientID)
        #expect(provider.apiHost.hostname == Py.host.lowercased())
        #expect(provider.redirectURI.absoluteString == "https://sso.example.edu/duo/callback")
    }

    @Test(arguments: ["DUO_CLIENT_ID", "DUO_CLIENT_SECRET", "DUO_API_HOST", "DUO_REDIRECT_URI"])
    func missingVariableIsNamed(variable: String) {
        var environment = Self.environment
        environment[variable] = nil
        let error = #expect(throws: DuoProviderError.invalidField) { try DuoProvider(environment: environment) }
        #expect(error?.field == variable)
        #expect(error?.errorDescription?.contains(variable) == true)
        var empty = Self.environment
        empty[variable] = ""
        #expect(throws: DuoProviderError.invalidField) { try DuoProvider(environment: empty) }
    }

    @Test(arguments: [
        ("DUO_CLIENT_ID", "DIshort"), ("DUO_CLIENT_SECRET", "secretsecret"), ("DUO_API_HOST", "https://api-x.duosecurity.com"),
        ("DUO_REDIRECT_URI", "http://sso.example.edu/cb"),
    ])
    func invalidVariableIsNamed(variable: String, value: String) {
        var environment = Self.environment
        environment[variable] = value
        let error = #expect(throws: DuoProviderError.invalidField) { try DuoProvider(environment: environment) }
        #expect(error?.field == variable)
        #expect(error?.recoverySuggestion?.isEmpty == false)
        #expect(error?.errorDescription?.contains("secretsecret") == false)
    }
}
