/// Strict base64url (RFC 4648 §5) without padding, as JWTs use it.
///
/// Decoding is deliberately stricter than Foundation's `Data(base64Encoded:)`:
/// - only the URL alphabet `A–Z a–z 0–9 - _` is accepted (no `+`, `/`, `=`, whitespace);
/// - a length of 1 modulo 4 is refused (it cannot encode whole bytes);
/// - the unused low bits of the last character must be zero, so every byte string has exactly one
///   accepted encoding. Foundation accepts a tampered last character of a signature whose changed
///   bits fall in that unused part; this decoder does not.
public enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 0xFF marks a byte that is not in the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes as unpadded base64url text.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The base64url text, without `=` padding.
    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: encodeToBytes(bytes), as: UTF8.self)
    }

    /// Encodes bytes as unpadded base64url ASCII bytes (no intermediate `String`).
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The ASCII bytes of the base64url text.
    public static func encodeToBytes<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var output = [UInt8]()
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        append(bytes, to: &output)
        return output
    }

    /// Appends the unpadded base64url encoding of `bytes` to `output`.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer the ASCII encoding is appended to.
    public static func append<Bytes: Collection>(_ bytes: Bytes, to output: inout [UInt8]) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { appendContiguous(UnsafeRawBufferPointer($0), to: &output) }
        if done == nil { Array(bytes).withUnsafeBytes { appendContiguous($0, to: &output) } }
    }

    /// Appends standard, padded base64 (RFC 4648 §4: `+`, `/`, `=`), as HTTP Basic credentials
    /// use it, with the same contiguous encoder.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer the ASCII encoding is appended to.
    package static func appendStandardBase64(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        appendContiguous(bytes, to: &output, standard: true)
        switch bytes.count % 3 {
        case 1: output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "=")])
        case 2: output.append(UInt8(ascii: "="))
        default: break
        }
    }

    private static let standardAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Every pair of symbols for a 12-bit value: entry `n` holds the symbols of `n >> 6` (low
    /// byte) and `n & 63` (high byte). 8 KiB per alphabet, built on first use.
    private static func symbolPairs(_ alphabet: [UInt8]) -> [UInt16] {
        (0..<4096).map { UInt16(alphabet[$0 >> 6]) | UInt16(alphabet[$0 & 0x3F]) << 8 }
    }

    private static let urlSymbolPairs = symbolPairs(alphabet)
    private static let standardSymbolPairs = symbolPairs(standardAlphabet)

    /// Encodes straight into `output`'s storage (see ``writeSymbols(of:to:standard:)``).
    private static func appendContiguous(_ input: UnsafeRawBufferPointer, to output: inout [UInt8], standard: Bool = false) {
        let count = input.count
        guard count > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: (count * 4 + 2) / 3))
        output.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            // `out` has exactly `start + (count * 4 + 2) / 3` elements (grown just above).
            writeSymbols(of: input, to: UnsafeMutableRawPointer(base + start), standard: standard)
        }
    }

    /// Writes standard, padded base64 (RFC 4648 §4) of `input` at `target`, the same bytes as
    /// ``appendStandardBase64(_:to:)``, for callers that assemble a text in their own buffer
    /// (the `Authorization` header of a signed request).
    ///
    /// - Parameters:
    ///   - input: The bytes to encode.
    ///   - target: Room for at least `(input.count + 2) / 3 * 4` bytes.
    /// - Returns: The number of bytes written, `(input.count + 2) / 3 * 4`.
    package static func writeStandardBase64(of input: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer) -> Int {
        let symbols = (input.count * 4 + 2) / 3
        writeSymbols(of: input, to: target, standard: true)
        let padded = (input.count + 2) / 3 * 4
        for offset in symbols..<padded { target.storeBytes(of: UInt8(ascii: "="), toByteOffset: offset, as: UInt8.self) }
        return padded
    }

    /// Writes the `(input.count * 4 + 2) / 3` unpadded symbols of `input` at `target`, three
    /// bytes to four symbols at a time.
    ///
    /// Each group of three bytes is two 12-bit halves looked up in a table of symbol pairs and
    /// written as one 4-byte store: half the table reads and a quarter of the stores of a
    /// symbol-at-a-time loop (base64url was a tenth of building an authorize URL).
    private static func writeSymbols(of input: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer, standard: Bool) {
        let count = input.count
        guard count > 0 else { return }
        let pairs = standard ? standardSymbolPairs : urlSymbolPairs
        pairs.withUnsafeBufferPointer { pairs in
            var read = 0, written = 0
            while read + 3 <= count {
                let group = Int(input[read]) << 16 | Int(input[read + 1]) << 8 | Int(input[read + 2])
                let symbols = UInt32(pairs[group >> 12]) | UInt32(pairs[group & 0xFFF]) << 16
                target.storeBytes(of: symbols.littleEndian, toByteOffset: written, as: UInt32.self)
                read += 3
                written += 4
            }
            // One or two bytes left: their symbols are the high bytes of pairs whose first
            // six bits are zero (entry `n` < 64 holds symbol `n` in its high byte).
            func put(_ value: Int, at offset: Int) {
                target.storeBytes(of: UInt8(truncatingIfNeeded: pairs[value] >> 8), toByteOffset: written + offset, as: UInt8.self)
            }
            switch count - read {
            case 1:
                let b0 = Int(input[read])
                put(b0 >> 2, at: 0)
                put((b0 & 0x03) << 4, at: 1)
            case 2:
                let b0 = Int(input[read]), b1 = Int(input[read + 1])
                put(b0 >> 2, at: 0)
                put((b0 & 0x03) << 4 | b1 >> 4, at: 1)
                put((b1 & 0x0F) << 2, at: 2)
            default:
                break
            }
        }
    }

    /// Decodes strict, unpadded, canonical base64url text.
    ///
    /// - Parameter text: The base64url text.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DuoError/invalidBase64URL`` naming the first problem found.
    public static func decode(_ text: some StringProtocol) throws(DuoError) -> [UInt8] {
        try decode(bytes: text.utf8)
    }

    /// Decodes strict, unpadded, canonical base64url from ASCII bytes.
    ///
    /// - Parameter bytes: The ASCII bytes of the base64url text.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DuoError/invalidBase64URL`` naming the first problem found.
    public static func decode<Bytes: Collection>(bytes: Bytes) throws(DuoError) -> [UInt8] where Bytes.Element == UInt8 {
        let count = bytes.count
        if count % 4 == 1 {
            throw DuoError(.invalidBase64URL, reason: "a length of \(count) characters cannot encode whole bytes")
        }
        let outcome = bytes.withContiguousStorageIfAvailable { decodeContiguous(UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { decodeContiguous($0) }
        return try outcome.get()
    }

    /// Decodes a whole buffer (its length is not 1 modulo 4) four symbols to three bytes at a
    /// time, straight into the result's storage, with the same checks in the same order as a
    /// symbol-by-symbol decoder: the first symbol outside the alphabet, then canonical end bits.
    private static func decodeContiguous(_ input: UnsafeRawBufferPointer) -> Result<[UInt8], DuoError> {
        let count = input.count
        let remainder = count % 4 // 0, 2 or 3 here
        let outputCount = count / 4 * 3 + max(0, remainder - 1)
        var failure: DuoError?
        let output = decodeTable.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                // Every quad read ends at `read + 4 <= count` and writes `write + 3 <= outputCount`
                // (write / 3 == read / 4), so both buffers are accessed in bounds.
                var read = 0, write = 0
                while read + 4 <= count {
                    let a = table[Int(input[read])], b = table[Int(input[read + 1])]
                    let c = table[Int(input[read + 2])], d = table[Int(input[read + 3])]
                    // Valid values are below 64, so one OR shows whether any of the four is 0xFF.
                    if (a | b | c | d) & 0x80 != 0 {
                        failure = firstInvalidSymbol(input, from: read, table: table)
                        break
                    }
                    out[write] = a << 2 | b >> 4
                    out[write + 1] = b << 4 | c >> 2
                    out[write + 2] = c << 6 | d
                    read += 4
                    write += 3
                }
                if failure == nil, remainder > 0 {
                    if let invalid = firstInvalidSymbol(input, from: read, table: table) {
                        failure = invalid
                    } else {
                        // The tail is 2 or 3 symbols, giving 1 or 2 bytes: `outputCount` counted them.
                        let a = table[Int(input[read])], b = table[Int(input[read + 1])]
                        out[write] = a << 2 | b >> 4
                        if remainder == 2 {
                            if b & 0x0F != 0 { failure = nonCanonical }
                        } else {
                            let c = table[Int(input[read + 2])]
                            out[write + 1] = b << 4 | c >> 2
                            if c & 0x03 != 0 { failure = nonCanonical }
                        }
                        write += remainder - 1
                    }
                }
                initialized = write
            }
        }
        if let failure { return .failure(failure) }
        return .success(output)
    }

    /// The error for the first symbol at or after `start` that is not in the alphabet, or `nil`.
    private static func firstInvalidSymbol(
        _ input: UnsafeRawBufferPointer, from start: Int, table: UnsafeBufferPointer<UInt8>
    ) -> DuoError? {
        for position in start..<input.count where table[Int(input[position])] == 0xFF {
            let symbol = input[position]
            let what = symbol == UInt8(ascii: "=") ? "padding '=' is not allowed" : "byte 0x\(String(symbol, radix: 16)) is not in the base64url alphabet"
            return DuoError(.invalidBase64URL, reason: "\(what) (position \(position))")
        }
        return nil
    }

    private static var nonCanonical: DuoError {
        DuoError(.invalidBase64URL, reason: "the last character has non-zero unused bits (non-canonical encoding)")
    }
}
