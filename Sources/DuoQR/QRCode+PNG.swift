extension QRCode {
    /// A PNG image: 8-bit greyscale, black modules on white, the quiet zone included, each
    /// module `scale` × `scale` pixels. The image data is a zlib stream of stored (uncompressed)
    /// deflate blocks, so the file is larger than a compressed one but needs no compressor.
    ///
    /// - Parameter scale: Pixels per module (default 8), in ``scaleRange``.
    /// - Throws: ``QRCodeError/Reason/invalidScale`` when `scale` is outside ``scaleRange``.
    public func png(scale: Int = 8) throws(QRCodeError) -> [UInt8] {
        try Self.checkScale(scale)
        let side = (size + 2 * Self.quietZone) * scale
        var pixels: [UInt8] = []
        pixels.reserveCapacity((side + 1) * side)
        for y in -Self.quietZone..<(size + Self.quietZone) {
            var scanline: [UInt8] = [0]  // filter type None
            scanline.reserveCapacity(side + 1)
            for x in -Self.quietZone..<(size + Self.quietZone) {
                let grey: UInt8 = self[x: x, y: y] ? 0 : 255
                scanline.append(contentsOf: repeatElement(grey, count: scale))
            }
            for _ in 0..<scale { pixels.append(contentsOf: scanline) }
        }
        var header: [UInt8] = []
        PNGEncoding.appendBigEndian(UInt32(side), to: &header)
        PNGEncoding.appendBigEndian(UInt32(side), to: &header)
        header += [8, 0, 0, 0, 0]  // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        PNGEncoding.appendChunk("IHDR", header, to: &file)
        PNGEncoding.appendChunk("IDAT", PNGEncoding.zlibStored(pixels), to: &file)
        PNGEncoding.appendChunk("IEND", [], to: &file)
        return file
    }
}
