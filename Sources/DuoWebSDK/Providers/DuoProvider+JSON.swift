import DuoCore
public import Foundation

extension DuoProvider {
    /// The largest providers file read, in bytes (1 MiB).
    public static let maximumFileSize = 1 << 20
    /// The most providers one file may hold.
    public static let maximumProvidersPerFile = 256

    /// The keys a provider object may have; anything else is refused (a typo such as `clientId`
    /// would otherwise be silently ignored).
    static let jsonKeys: Set<String> = ["name", "enabled", "api_host", "client_id", "client_secret", "client_secret_env", "redirect_uri"]

    /// Loads providers from a JSON file.
    ///
    /// The file is a JSON object with one key, `providers`, an array of objects:
    ///
    /// ```json
    /// { "providers": [
    ///     { "name": "Staff", "enabled": true, "api_host": "api-xxxxxxxx.duosecurity.com",
    ///       "client_id": "DIXXXXXXXXXXXXXXXXXX", "client_secret_env": "STAFF_DUO_SECRET",
    ///       "redirect_uri": "https://sso.example.edu/duo/callback" } ] }
    /// ```
    ///
    /// `name`, `api_host` and `client_id` are required strings; exactly one of `client_secret`
    /// (the secret itself) and `client_secret_env` (the name of an environment variable holding
    /// it) is required; `enabled` is an optional boolean (default `true`); `redirect_uri` is a
    /// string, optional only when `defaultRedirectURI` is given. Unknown keys are refused. Names
    /// must be unique ignoring case. The whole file is refused at the first problem: no
    /// provider is returned from a file with one bad entry.
    ///
    /// - Parameters:
    ///   - url: The file's URL.
    ///   - defaultRedirectURI: The redirect URI of providers that give none.
    ///   - environment: Where `client_secret_env` variables are looked up (default: the process
    ///     environment).
    /// - Returns: The providers, in file order.
    /// - Throws: ``DuoProviderError/fileUnreadable``, ``DuoProviderError/malformedFile``,
    ///   ``DuoProviderError/invalidField`` (with ``DuoProviderError/field``,
    ///   ``DuoProviderError/providerIndex`` and, when readable, ``DuoProviderError/providerName``)
    ///   or ``DuoProviderError/duplicateName``.
    public static func load(
        contentsOf url: URL, defaultRedirectURI: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DuoProviderError) -> [DuoProvider] {
        let data: Data
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= maximumFileSize else {
                throw DuoProviderError.kind(.fileUnreadable, reason: "the file is larger than \(maximumFileSize) bytes")
            }
            data = try Data(contentsOf: url)
        } catch let error as DuoProviderError {
            throw error
        } catch {
            throw .kind(.fileUnreadable, reason: "\(url.lastPathComponent) could not be read")
        }
        return try decodeList(from: data, defaultRedirectURI: defaultRedirectURI, environment: environment)
    }

    /// Decodes providers from the bytes of a providers file; see
    /// ``load(contentsOf:defaultRedirectURI:environment:)`` for the schema.
    ///
    /// - Parameters:
    ///   - data: The JSON bytes.
    ///   - defaultRedirectURI: The redirect URI of providers that give none.
    ///   - environment: Where `client_secret_env` variables are looked up.
    /// - Returns: The providers, in order.
    /// - Throws: ``DuoProviderError`` as for loading a file.
    public static func decodeList(
        from data: Data, defaultRedirectURI: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DuoProviderError) -> [DuoProvider] {
        guard data.count <= maximumFileSize else {
            throw .kind(.fileUnreadable, reason: "the file is larger than \(maximumFileSize) bytes")
        }
        let root: JSONValue
        do { root = try JSONReader.read(Array(data), maximumLength: maximumFileSize) } catch {
            throw .kind(.malformedFile, reason: "the file is not valid JSON: \(error.reason)")
        }
        guard case .object(let top) = root else { throw .kind(.malformedFile, reason: "the top level must be a JSON object") }
        guard let list = top["providers"] else { throw .kind(.malformedFile, reason: #"the "providers" array is missing"#, field: "providers") }
        if let extra = top.keys.filter({ $0 != "providers" }).sorted().first {
            throw .kind(.malformedFile, reason: "unknown top-level key \"\(extra)\"", field: extra)
        }
        guard case .array(let entries) = list else { throw .kind(.malformedFile, reason: #""providers" must be an array"#, field: "providers") }
        guard entries.count <= maximumProvidersPerFile else {
            throw .kind(.malformedFile, reason: "more than \(maximumProvidersPerFile) providers", field: "providers")
        }
        var providers: [DuoProvider] = []
        var seen: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let provider = try decodeEntry(entry, index: index, defaultRedirectURI: defaultRedirectURI, environment: environment)
            if let first = seen[provider.key] {
                throw .kind(.duplicateName, reason: "the same name as provider #\(first + 1)", field: "name", index: index, name: provider.name)
            }
            seen[provider.key] = index
            providers.append(provider)
        }
        return providers
    }

    /// Decodes one entry of the `providers` array.
    private static func decodeEntry(
        _ entry: JSONValue, index: Int, defaultRedirectURI: String?, environment: [String: String]
    ) throws(DuoProviderError) -> DuoProvider {
        guard case .object(let object) = entry else {
            throw .kind(.malformedFile, reason: "each provider must be a JSON object", index: index)
        }
        // The name first, so every later error can say which provider it is about.
        let readableName = object["name"]?.stringValue.flatMap { (try? DuoProvider.validateName($0)) != nil ? $0 : nil }
        func fail(_ field: String, _ reason: String) -> DuoProviderError { .field(field, reason, index: index, name: readableName) }
        if let unknown = object.keys.filter({ !jsonKeys.contains($0) }).sorted().first {
            throw fail(unknown, "unknown key \"\(unknown)\"; allowed keys are \(jsonKeys.sorted().joined(separator: ", "))")
        }
        func string(_ key: String, required: Bool = true) throws(DuoProviderError) -> String? {
            switch object[key] {
            case .string(let value)?: return value
            case nil: if required { throw fail(key, "is missing (required)") } else { return nil }
            default: throw fail(key, "must be a string")
            }
        }
        guard let name = try string("name") else { throw fail("name", "is missing (required)") }
        let enabled: Bool
        switch object["enabled"] {
        case .bool(let value)?: enabled = value
        case nil: enabled = true
        default: throw fail("enabled", "must be true or false")
        }
        guard let host = try string("api_host"), let clientID = try string("client_id") else {
            throw fail("api_host", "is missing (required)")
        }
        let secret: String
        switch (try string("client_secret", required: false), try string("client_secret_env", required: false)) {
        case (let value?, nil):
            secret = value
        case (nil, let variable?):
            guard !variable.isEmpty, let value = environment[variable], !value.isEmpty else {
                throw fail("client_secret_env", "the environment variable \"\(variable.prefix(64))\" is not set")
            }
            secret = value
        case (nil, nil):
            throw fail("client_secret", #"is missing: give "client_secret" or "client_secret_env""#)
        case (.some, .some):
            throw fail("client_secret", #"give only one of "client_secret" and "client_secret_env""#)
        }
        guard let redirect = try string("redirect_uri", required: defaultRedirectURI == nil) ?? defaultRedirectURI else {
            throw fail("redirect_uri", "is missing (required)")
        }
        do {
            return try DuoProvider(name: name, isEnabled: enabled, apiHost: host, clientID: clientID, clientSecret: secret,
                                   redirectURI: redirect, fieldNames: .json)
        } catch {
            throw error.located(index: index, name: readableName)
        }
    }
}
