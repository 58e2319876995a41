extension QRCode {
    /// Pixels per module the renderers accept: enough for any screen or print, small enough
    /// that a version 40 image stays under 12 000 pixels wide.
    public static let scaleRange = 1...64

    /// An SVG document: a white square with the quiet zone, and the dark modules as one `<path>`
    /// of unit squares in a `viewBox` of module units, drawn with `shape-rendering="crispEdges"`
    /// so it stays sharp at any size. It can be written to a file or inlined in HTML.
    ///
    /// - Parameter moduleSize: The `width` and `height` attributes in pixels per module
    ///   (default 8); a page or viewer can scale it further.
    /// - Throws: ``QRCodeError/Reason/invalidScale`` when `moduleSize` is outside ``scaleRange``.
    public func svg(moduleSize: Int = 8) throws(QRCodeError) -> String {
        try Self.checkScale(moduleSize)
        let side = size + 2 * Self.quietZone
        let pixels = side * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x: x, y: y] else { x += 1; continue }
                var run = 1
                while x + run < size && self[x: x + run, y: y] { run += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" viewBox="0 0 \(side) \(side)" \
        shape-rendering="crispEdges" role="img" aria-label="QR code">\
        <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }

    static func checkScale(_ scale: Int) throws(QRCodeError) {
        guard scaleRange.contains(scale) else {
            throw QRCodeError(.invalidScale, detail: "scale \(scale) is not \(scaleRange.lowerBound) to \(scaleRange.upperBound)")
        }
    }
}
