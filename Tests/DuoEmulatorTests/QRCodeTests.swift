#if Emulator
import DuoAuthAPI
import DuoCLITestSupport
import DuoEmulator
import DuoQR
import DuoTesting
import DuoTransport
import DuoWebSDK
import Foundation
import Testing

/// The emulator's QR codes, read back by ZBar: the enrollment page's inline SVG decodes to the
/// key's otpauth URI, and the Auth API `enroll` answer's `activation_barcode` URL serves a PNG
/// that decodes to the answer's `activation_code`, as Duo's does.
struct QRCodeTests {
    static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("The enrollment page shows the key as an inline SVG QR code that decodes to its URI", .enabled(if: ExternalDecoder.enabled))
    func enrollmentPage() async throws {
        try await EmulatorServer.with(unenrolled: ["frank"]) { emulator in
            let browser = try EmulatorServer.browser()
            let client = try DuoEmulatorHTTPTests.client(emulator)
            let url = try client.authorizationURL(username: "frank", state: client.generateState())
            let first = try await DuoEmulatorHTTPTests.get(browser, try DuoEmulatorHTTPTests.browserURL(url))
            let enrollURL = try #require(URL(string: emulator.publicBaseURL + (try DuoEmulatorHTTPTests.location(first))))
            let page = DuoEmulatorHTTPTests.text(try await DuoEmulatorHTTPTests.get(browser, enrollURL))
            let uriStart = try #require(page.range(of: #"id="otpauth-uri">"#)).upperBound
            let uri = Self.unescapeHTML(String(page[uriStart...].prefix { $0 != "<" }))
            let figure = try #require(page.range(of: #"<figure class="qr" id="otpauth-qr">"#)).upperBound
            let end = try #require(page.range(of: "</svg>", range: figure..<page.endIndex)).upperBound
            let svg = String(page[figure..<end])
            #expect(svg == (try QRCode(encoding: uri, level: .medium).svg(moduleSize: 5)))
            let folder = try ExternalDecoder.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let svgFile = folder.appendingPathComponent("enroll.svg"), pngFile = folder.appendingPathComponent("enroll.png")
            try Data(svg.utf8).write(to: svgFile)
            try ExternalDecoder.rasterise(svg: svgFile, to: pngFile, width: 400)
            #expect(try ExternalDecoder.decode(pngFiles: [pngFile]) == [uri])
            #expect(uri.hasPrefix("otpauth://totp/"))
        }
    }

    @Test("activation_barcode serves image/png that decodes to activation_code", .enabled(if: ExternalDecoder.enabled))
    func activationBarcode() async throws {
        let authority = try ThrowawayCertificateAuthority()
        try await EmulatorServer.with(tls: authority) { emulator in
            let configuration = try DuoAuthConfiguration(integrationKey: emulator.configuration.integrationKey,
                                                         secretKey: emulator.configuration.secretKey, apiHost: emulator.duo.apiHost)
            let transportConfiguration = TransportConfiguration(trust: .customRoots(pem: Array(authority.caCertificatePEM.utf8)))
            let transport = try CurlTransport(configuration: transportConfiguration)
            let client = DuoAuthClient(configuration: configuration, transport: transport)
            let enrollment = try await client.enroll(username: "newcomer")
            let barcode = try #require(enrollment.activationBarcode.flatMap(URL.init(string:)))
            #expect(barcode.absoluteString.hasPrefix(emulator.duo.baseURL + "/frame/qr?value="))
            let answer = try await transport.send(HTTPRequest(method: .get, url: barcode))
            #expect(answer.status == 200)
            #expect(answer.headers["Content-Type"] == "image/png")
            #expect(Array(answer.body.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let folder = try ExternalDecoder.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("barcode.png")
            try Data(answer.body).write(to: file)
            #expect(try ExternalDecoder.decode(pngFiles: [file]) == [enrollment.activationCode])

            for bad in ["/frame/qr", "/frame/qr?value=", "/frame/qr?value=" + String(repeating: "a", count: 1_025)] {
                let refused = try await transport.send(HTTPRequest(method: .get, url: try #require(URL(string: emulator.duo.baseURL + bad))))
                #expect(refused.status == 400)
            }
        }
    }
}
#endif
