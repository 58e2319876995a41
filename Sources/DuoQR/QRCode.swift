/// A QR code (ISO/IEC 18004 Model 2): the square of dark and light modules that encodes a
/// payload, ready to draw with ``svg(moduleSize:)``, ``png(scale:)`` or ``terminalText(colored:)``.
///
/// The encoder writes the whole payload as one segment in the smallest mode (numeric,
/// alphanumeric or byte; text is UTF-8), picks the smallest version (1...40) that holds it at
/// the requested error-correction level, and the mask (0...7) with the lowest penalty.
///
/// ```swift
/// let code = try QRCode(encoding: account.uriString, level: .medium)
/// let svg = try code.svg()
/// ```
///
/// The payload can be a secret (an `otpauth://` URI carries the key), and the modules encode
/// it: `description` and the mirror show only the version, level and mask.
public struct QRCode: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The version, 1...40: the symbol is `4 × version + 17` modules wide.
    public let version: Int
    /// The error-correction level.
    public let level: QRErrorCorrection
    /// The data mask pattern applied, 0...7.
    public let mask: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` for dark.
    private let modules: [Bool]

    /// The light margin, in modules, that readers need around the symbol; every renderer adds it.
    public static let quietZone = 4

    /// Encodes text as its UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - text: The payload, for example an `otpauth://` URI.
    ///   - level: The error-correction level (default M).
    /// - Throws: ``QRCodeError`` with ``QRCodeError/Reason/payloadTooLong`` when the payload does
    ///   not fit in version 40 at that level.
    public init(encoding text: some StringProtocol, level: QRErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(encoding: Array(text.utf8), level: level)
    }

    /// Encodes bytes.
    ///
    /// - Parameters:
    ///   - bytes: The payload.
    ///   - level: The error-correction level (default M).
    /// - Throws: ``QRCodeError`` with ``QRCodeError/Reason/payloadTooLong`` when the payload does
    ///   not fit in version 40 at that level.
    public init(encoding bytes: [UInt8], level: QRErrorCorrection = .medium) throws(QRCodeError) {
        try self.init(encoding: bytes, level: level, version: nil, mask: nil)
    }

    /// Encodes with a fixed version or mask (`nil`: chosen as usual), for comparing matrices
    /// with other encoders.
    package init(encoding bytes: [UInt8], level: QRErrorCorrection, version fixedVersion: Int?, mask fixedMask: Int?) throws(QRCodeError) {
        if let fixedVersion, !QRCapacity.versions.contains(fixedVersion) {
            throw QRCodeError(.invalidSymbolSettings, detail: "version \(fixedVersion) is not 1 to 40")
        }
        if let fixedMask, !(0...7).contains(fixedMask) {
            throw QRCodeError(.invalidSymbolSettings, detail: "mask \(fixedMask) is not 0 to 7")
        }
        let limit = fixedVersion.map { "version \($0)" } ?? "version 40"
        let tooLong = QRCodeError(.payloadTooLong, detail: "\(bytes.count) bytes do not fit in a QR code of \(limit) at level \(level)")
        // The largest capacity of all (version 40-L, numeric) is 7 089 characters; anything
        // longer is refused before any size arithmetic.
        guard bytes.count <= 7_089 else { throw tooLong }
        let segment = QRSegment(bytes)
        let chosenVersion: Int? = if let fixedVersion {
            segment.fits(version: fixedVersion, level: level) ? fixedVersion : nil
        } else {
            segment.smallestVersion(level: level)
        }
        guard let version = chosenVersion else { throw tooLong }
        let codewords = Self.codewords(for: segment, version: version, level: level)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(codewords)
        let chosenMask = fixedMask ?? Self.bestMask(for: matrix, level: level)
        matrix.applyMask(chosenMask)
        matrix.drawFormat(QRMatrix.formatBits(level: level, mask: chosenMask))
        self.version = version
        self.level = level
        self.mask = chosenMask
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module at column `x`, row `y` (from the top-left corner) is dark. Coordinates
    /// outside the symbol are light, as the quiet zone around it is.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Only the shape, never the modules (they encode the payload).
    public var description: String { "QRCode(version \(version), level \(level), mask \(mask), \(size)×\(size) modules)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the modules.
    public var customMirror: Mirror {
        Mirror(self, children: ["version": version, "level": level, "mask": mask, "size": size])
    }

    // MARK: Encoding steps

    /// Data codewords (segment, terminator, padding) split into blocks, each followed by its
    /// Reed–Solomon codewords, then interleaved: data columns first, then error-correction columns.
    static func codewords(for segment: QRSegment, version: Int, level: QRErrorCorrection) -> [UInt8] {
        let dataCapacity = QRCapacity.dataCodewords(version: version, level: level)
        var buffer = BitBuffer()
        segment.write(to: &buffer, version: version)
        buffer.append(0, length: min(4, dataCapacity * 8 - buffer.count))
        buffer.append(0, length: (8 - buffer.count % 8) % 8)
        var data = buffer.bytes
        var pad: UInt8 = 0xEC
        while data.count < dataCapacity {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }

        let blockCount = QRCapacity.blockCount(version: version, level: level)
        let errorCorrectionLength = QRCapacity.errorCorrectionCodewordsPerBlock(version: version, level: level)
        let total = QRCapacity.totalCodewords(version: version)
        // Short blocks come first; the last `total % blockCount` blocks hold one more data codeword.
        let shortBlockCount = blockCount - total % blockCount
        let shortDataLength = total / blockCount - errorCorrectionLength
        let generator = ReedSolomon.generator(degree: errorCorrectionLength)
        var dataBlocks: [ArraySlice<UInt8>] = []
        var errorBlocks: [[UInt8]] = []
        var start = 0
        for block in 0..<blockCount {
            let length = shortDataLength + (block < shortBlockCount ? 0 : 1)
            let blockData = data[start..<(start + length)]
            start += length
            dataBlocks.append(blockData)
            errorBlocks.append(ReedSolomon.remainder(of: Array(blockData), generator: generator))
        }

        var result: [UInt8] = []
        result.reserveCapacity(total)
        for column in 0...shortDataLength {
            for block in dataBlocks where column < block.count {
                result.append(block[block.startIndex + column])
            }
        }
        for column in 0..<errorCorrectionLength {
            for block in errorBlocks { result.append(block[column]) }
        }
        return result
    }

    /// The mask whose symbol, format information included, has the lowest penalty (the
    /// lower-numbered on a tie).
    static func bestMask(for matrix: QRMatrix, level: QRErrorCorrection) -> Int {
        var best = 0
        var bestScore = Int.max
        for pattern in 0...7 {
            var candidate = matrix
            candidate.applyMask(pattern)
            candidate.drawFormat(QRMatrix.formatBits(level: level, mask: pattern))
            let score = QRPenalty.score(candidate.modules, size: candidate.size)
            if score < bestScore {
                best = pattern
                bestScore = score
            }
        }
        return best
    }
}
