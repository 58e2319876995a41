// duo-transport-probe: one GET through CurlTransport in a process of its own, for the tests of
// what libcurl reads from the environment. Some variables (SSLKEYLOGFILE, OPENSSL_CONF) are read
// once per process at start-up, so only a fresh process with the variable set shows whether the
// transport ignores it; a fresh process also keeps the variables away from the other tests.
//
//   duo-transport-probe --url URL [--ca PEM_FILE | --system-trust] [--proxy http://host:port]
//                       [--environment-proxy] [--insecure-loopback-http]
//
// Prints one line: `status=<code> body=<body as text>` or `error=<TransportError code>`, and
// exits 0; a usage mistake exits 2.
import DuoTransport
import Foundation

var url: URL?
var trust = TrustPolicy.duoPinned
var configuration = TransportConfiguration()
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    switch flag {
    case "--url": url = arguments.popFirst().flatMap { URL(string: $0) }
    case "--ca": trust = arguments.popFirst().map { .customRootsFile(path: $0) } ?? trust
    case "--system-trust": trust = .system
    case "--proxy": configuration.proxy = arguments.popFirst().flatMap { URL(string: $0) }.map { ProxyConfiguration(url: $0) }
    case "--environment-proxy": configuration.usesEnvironmentProxy = true
    case "--insecure-loopback-http": configuration.allowsInsecureLoopbackHTTP = true
    default:
        FileHandle.standardError.write(Data("unknown argument \(flag)\n".utf8))
        exit(2)
    }
}
guard let url else {
    FileHandle.standardError.write(Data("--url is required\n".utf8))
    exit(2)
}
configuration.trust = trust
configuration.timeout = HTTPTimeout(connect: .seconds(5), total: .seconds(10))
do {
    let transport = try CurlTransport(configuration: configuration)
    let response = try await transport.send(HTTPRequest(method: .get, url: url))
    print("status=\(response.status) body=\(String(decoding: response.body, as: UTF8.self))")
} catch let error as TransportError {
    print("error=\(error.code)")
} catch {
    print("error=\(type(of: error))")
}
