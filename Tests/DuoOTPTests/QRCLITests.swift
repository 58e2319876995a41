import DuoCLITestSupport
import DuoOTP
import DuoQR
import Foundation
import Testing

/// `duo otp qr` (shared/docs/cli.md, Part 6), run as a subprocess. The drawings are compared with
/// the library's (whose codes DuoQRTests reads back with independent decoders), and the PNGs are
/// decoded here with ZBar's `zbarimg` as well.
struct QRCLITests {
    static let binary = OTPCLITests.binary
    static let uri = "otpauth://totp/Example%20Corp:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Corp"
    /// On CI a missing zbarimg fails the decoding test instead of skipping it.
    static let decoderEnabled = binary != nil && ExternalDecoder.enabled

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("duo-otp-qr-\(UUID().uuidString)-\(name)")
    }

    /// The text of the QR code in a PNG file, read by zbarimg.
    static func decode(_ file: URL) throws -> String? {
        try ExternalDecoder.decode(pngFiles: [file]).first
    }

    @Test("The default is half-block text at level M, the library's drawing of the URI", .enabled(if: binary != nil))
    func text() throws {
        let run = try OTPCLITests.run(["otp", "qr", Self.uri])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let expected = try QRCode(encoding: Self.uri, level: .medium).terminalText()
        #expect(run.stdout == expected + "\n")
        let lines = run.stdout.split(separator: "\n")
        let code = try QRCode(encoding: Self.uri)
        #expect(lines.count == (code.size + 9) / 2)
        #expect(run.stdout.contains("▀") && run.stdout.contains("▄"))
    }

    @Test("A PNG file at the scale and level asked decodes to the exact URI; raw text too", .enabled(if: decoderEnabled))
    func png() throws {
        let file = Self.temporaryFile("code.png")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try OTPCLITests.run(["otp", "qr", "--format", "png", "--output", file.path, "--scale", "3", "--level", "h", Self.uri])
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(run.stderr)")
        let bytes = [UInt8](try Data(contentsOf: file))
        #expect(bytes == (try QRCode(encoding: Self.uri, level: .high).png(scale: 3)))
        #expect(try Self.decode(file) == Self.uri)

        let link = "https://m-1234abcd.duosecurity.com/activate/XYZ123abc"
        let rawRun = try OTPCLITests.run(["otp", "qr", "--raw", link, "--format", "png", "--output", file.path])
        #expect(rawRun.status == 0, "\(rawRun.stderr)")
        #expect(try Self.decode(file) == link)
    }

    @Test("SVG goes to stdout, or to --output", .enabled(if: binary != nil))
    func svg() throws {
        let expected = try QRCode(encoding: Self.uri, level: .quartile).svg()
        let run = try OTPCLITests.run(["otp", "qr", Self.uri, "--format", "svg", "--level", "Q"])
        #expect(run.status == 0 && run.stdout == expected + "\n", "\(run.stderr)")
        let file = Self.temporaryFile("code.svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let toFile = try OTPCLITests.run(["otp", "qr", Self.uri, "--format", "svg", "--level", "Q", "--output", file.path, "--scale", "2"])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == (try QRCode(encoding: Self.uri, level: .quartile).svg(moduleSize: 2)) + "\n")
    }

    @Test("An invalid URI is refused with parse's message, and nothing is written", .enabled(if: binary != nil))
    func invalidURI() throws {
        let file = Self.temporaryFile("never.png")
        for bad in ["otpauth://totp/x?secret=JBSWY3DPEHPK3PX1", "https://example.com", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9"] {
            let parse = try OTPCLITests.run(["otp", "parse", bad])
            let run = try OTPCLITests.run(["otp", "qr", bad, "--format", "png", "--output", file.path])
            OTPCLITests.expectFailure(run)
            #expect(run.stderr == parse.stderr)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test("A payload too long for version 40 at the level is a one-line error", .enabled(if: binary != nil))
    func tooLong() throws {
        let long = String(repeating: "a", count: 1_274)
        OTPCLITests.expectFailure(try OTPCLITests.run(["otp", "qr", "--raw", long, "--level", "H"]), mentioning: ["too-long"])
        let fits = try OTPCLITests.run(["otp", "qr", "--raw", long, "--level", "L", "--format", "svg"])
        #expect(fits.status == 0)
    }

    static let usageErrors: [[String]] = [
        [], [uri, "--raw", "x"], [uri, "--format", "png"], [uri, "--format", "bmp"], [uri, "--level", "X"],
        [uri, "--format", "png", "--output", "/tmp/x.png", "--scale", "0"],
        [uri, "--format", "png", "--output", "/tmp/x.png", "--scale", "65"],
        [uri, "--format", "png", "--output", "/tmp/x.png", "--scale", "+8"],
        [uri, "--output", "/tmp/x.txt"], [uri, "--scale", "4"],
    ]

    @Test(.enabled(if: binary != nil), arguments: usageErrors)
    func usageErrorsAreOneLine(arguments: [String]) throws {
        let run = try OTPCLITests.run(["otp", "qr"] + arguments)
        OTPCLITests.expectFailure(run)
        #expect(run.status == 64)
    }

    @Test("batch runs qr like the other otp commands", .enabled(if: binary != nil))
    func batch() throws {
        let run = try OTPCLITests.run(["otp", "batch"], input: #"["qr","--raw","hi","--format","svg"]"# + "\n" + #"["qr"]"# + "\n")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"ok":true,"out":"<svg "#) == true)
        #expect(lines.last?.hasPrefix(#"{"ok":false,"error":"error: "#) == true)
    }
}
