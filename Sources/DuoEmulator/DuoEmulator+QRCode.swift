#if Emulator
import DuoQR
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// QR codes as Duo serves them: `/frame/qr?value=…` is the image behind the Auth API `enroll`
/// answer's `activation_barcode`, and the enrollment page shows its key as a code.
extension DuoEmulator {
    /// The longest `value` drawn; an activation code is about 50 characters.
    static let qrValueLimit = 1_024

    /// `GET /frame/qr?value=…`: the value as a PNG QR code (level M, 4 pixels per module), or a
    /// 400 page when it is missing or too long.
    static func qrImage(form: [String: String]) -> Response {
        guard let value = form["value"], !value.isEmpty, value.utf8.count <= qrValueLimit,
              let png = try? QRCode(encoding: value, level: .medium).png(scale: 4) else {
            return html(400, title: "Bad request", body: "<h1>Bad request</h1><p>value is missing or longer than \(qrValueLimit) bytes.</p>")
        }
        var fields = HTTPFields()
        fields[.contentType] = "image/png"
        fields[.cacheControl] = "no-store"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
    }

    /// An inline SVG QR code for an HTML page, or a note when the text cannot be drawn.
    static func inlineQRCode(_ text: String, id: String) -> String {
        guard let svg = try? QRCode(encoding: text, level: .medium).svg(moduleSize: 5) else {
            return #"<p class="muted">This key is too long for a QR code; enter it by hand.</p>"#
        }
        return #"<figure class="qr" id="\#(id)">\#(svg)</figure>"#
    }
}
#endif
