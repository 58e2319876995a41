import ArgumentParser
import DuoOTP
import DuoQR
import Foundation

/// `duo otp qr`: draws an `otpauth://` URI (validated as `parse` does) or any `--raw` text as a
/// QR code: Unicode half blocks on stdout, or an SVG or PNG.
struct OTPQRCommand: OTPOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Draw an otpauth:// URI (or --raw text) as a QR code: terminal text, SVG or PNG.")

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, svg, png
    }

    /// `L`, `M`, `Q` or `H`, either case.
    struct LevelArgument: ExpressibleByArgument, Sendable {
        let level: QRErrorCorrection

        init(_ level: QRErrorCorrection) { self.level = level }

        init?(argument: String) {
            guard let level = QRErrorCorrection(letter: argument) else { return nil }
            self.level = level
        }

        var defaultValueDescription: String { level.description }
        static var allValueStrings: [String] { ["L", "M", "Q", "H"] }
    }

    @Argument(help: "The otpauth:// URI (validated as 'duo otp parse' does).")
    var uri: String?

    @Option(help: "Encode this text as given instead of an otpauth:// URI (for example a Duo activation link).")
    var raw: String?

    @Option(help: "text (Unicode half blocks on stdout), svg or png.")
    var format = Format.text

    @Option(name: .customLong("output"), help: "The file to write (required for png; svg without it goes to stdout).")
    var outputFile: String?

    @Option(help: "The error-correction level: L, M, Q or H.")
    var level = LevelArgument(.medium)

    @Option(help: "Pixels per module for png (and svg), \(QRCode.scaleRange.lowerBound) to \(QRCode.scaleRange.upperBound).")
    var scale: PlainInteger?

    func validate() throws {
        switch (uri, raw) {
        case (nil, nil): throw ValidationError("give an otpauth:// URI or --raw TEXT")
        case (.some, .some): throw ValidationError("give either an otpauth:// URI or --raw TEXT, not both")
        default: break
        }
        if let scale, !(UInt64(QRCode.scaleRange.lowerBound)...UInt64(QRCode.scaleRange.upperBound)).contains(scale.value) {
            throw ValidationError("--scale must be \(QRCode.scaleRange.lowerBound) to \(QRCode.scaleRange.upperBound)")
        }
        switch format {
        case .png:
            guard outputFile != nil else { throw ValidationError("--format png requires --output FILE") }
        case .text:
            if outputFile != nil { throw ValidationError("--output applies to svg and png; text goes to stdout") }
            if scale != nil { throw ValidationError("--scale applies to svg and png") }
        case .svg:
            break
        }
    }

    /// The payload: the URI once it passes `parse`'s rules, exactly as given; or the raw text.
    func payload() throws(OTPCommandFailure) -> String {
        if let raw { return raw }
        let text = uri ?? ""
        do { _ = try OTPAuthURI(parsing: text) } catch { throw OTPCommandFailure(message: error.description) }
        return text
    }

    /// Text and stdout SVG are returned; a file is written and nothing is returned.
    func output() throws(OTPCommandFailure) -> String {
        let text = try payload()
        let scale = Int(scale?.value ?? 8)
        let code: QRCode
        do { code = try QRCode(encoding: text, level: level.level) } catch { throw OTPCommandFailure(message: error.description) }
        let bytes: [UInt8]
        do {
            switch format {
            case .text: return code.terminalText()
            case .svg:
                let svg = try code.svg(moduleSize: scale)
                guard outputFile != nil else { return svg }
                bytes = Array((svg + "\n").utf8)
            case .png: bytes = try code.png(scale: scale)
            }
        } catch {
            throw OTPCommandFailure(message: error.description)
        }
        guard let outputFile else { throw OTPCommandFailure(message: "--output is required") }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: outputFile), options: .atomic)
        } catch {
            throw OTPCommandFailure(message: "cannot write \(outputFile): \(error.localizedDescription)")
        }
        return ""
    }

    func run() throws {
        let text: String
        do { text = try output() } catch { throw ExitCode.failure(error.message) }
        // A written file leaves stdout empty.
        if !text.isEmpty { CLIOutput.printResult(text) }
    }
}
