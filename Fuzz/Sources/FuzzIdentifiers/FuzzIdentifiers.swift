import DuoCore
import FuzzSupport

// APIHost, ClientID and IntegrationKey parsing of arbitrary text (configuration files and
// environment variables are outside input). Properties: a parsed APIHost re-parses from its own
// `authority` to an equal value, its hostname is lower-case ASCII with no scheme, path or user
// information, and its port is in 1...65535; a parsed ClientID is 20 visible ASCII characters.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIdentifiers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: FuzzInput(data, size).all, as: UTF8.self)

    if let host = try? APIHost(text) {
        fuzzCheck((try? APIHost(host.authority)) == host, "APIHost does not re-parse from its authority: \(host.authority)")
        fuzzCheck(host.hostname.unicodeScalars.allSatisfy { $0.isASCII && !$0.properties.isUppercase }, "hostname not lower-case ASCII")
        fuzzCheck(!host.hostname.isEmpty, "empty hostname accepted")
        fuzzCheck(!host.authority.contains("/") && !host.authority.contains("@") && !host.authority.contains("?"), "authority carries a path or user info")
        if let port = host.port { fuzzCheck((1...65535).contains(port), "port \(port) accepted") }
        _ = host.isLoopback
        _ = host.httpsBaseURL
    }
    if let id = try? ClientID(text) {
        fuzzCheck(id.rawValue.utf8.count == ClientID.length, "client ID of \(id.rawValue.utf8.count) bytes accepted")
        fuzzCheck(id.rawValue.utf8.allSatisfy { (0x21...0x7E).contains($0) }, "client ID with invisible or non-ASCII bytes accepted")
    }
    if let key = try? IntegrationKey(text) {
        fuzzCheck(key.rawValue.utf8.count == IntegrationKey.length, "integration key of \(key.rawValue.utf8.count) bytes accepted")
    }
    _ = try? ClientSecret(text)
    _ = try? SecretKey(text)
    return 0
}
