/// Strict base64url (RFC 4648 §5) without padding, as JWTs use it, and the standard padded
/// base64 (RFC 4648 §4) of HTTP Basic credentials: one codec for both alphabets.
///
/// Decoding is deliberately stricter than Foundation's `Data(base64Encoded:)`:
/// - only the URL alphabet `A–Z a–z 0–9 - _` is accepted (no `+`, `/`, `=`, whitespace);
/// - a length of 1 modulo 4 is refused (it cannot encode whole bytes);
/// - the unused low bits of the last character must be zero, so every byte string has exactly one
///   accepted encoding. Foundation accepts a tampered last character of a signature whose changed
///   bits fall in that unused part; this decoder does not.
public enum Base64URL {
    private static let urlAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let standardAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each byte in the URL alphabet; 0xFF marks a byte that is not in it.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in urlAlphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes as unpadded base64url text.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: The base64url text, without `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the unpadded base64url encoding of `bytes` to `output`.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer the ASCII encoding is appended to.
    package static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
        write(bytes, alphabet: urlAlphabet, to: &output)
    }

    /// Appends standard, padded base64 (RFC 4648 §4: `+`, `/`, `=`), as HTTP Basic credentials
    /// use it.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to encode.
    ///   - output: The buffer the ASCII encoding is appended to.
    package static func appendStandardBase64(_ bytes: [UInt8], to output: inout [UInt8]) {
        write(bytes, alphabet: standardAlphabet, to: &output)
        switch bytes.count % 3 {
        case 1: output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "=")])
        case 2: output.append(UInt8(ascii: "="))
        default: break
        }
    }

    /// The unpadded symbols of `input`: three bytes to four symbols, then two or three symbols
    /// for one or two bytes left.
    private static func write(_ input: [UInt8], alphabet: [UInt8], to output: inout [UInt8]) {
        output.reserveCapacity(output.count + (input.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= input.count {
            let group = Int(input[index]) << 16 | Int(input[index + 1]) << 8 | Int(input[index + 2])
            output.append(alphabet[group >> 18])
            output.append(alphabet[group >> 12 & 0x3F])
            output.append(alphabet[group >> 6 & 0x3F])
            output.append(alphabet[group & 0x3F])
            index += 3
        }
        switch input.count - index {
        case 1:
            let b0 = Int(input[index])
            output.append(alphabet[b0 >> 2])
            output.append(alphabet[(b0 & 0x03) << 4])
        case 2:
            let b0 = Int(input[index]), b1 = Int(input[index + 1])
            output.append(alphabet[b0 >> 2])
            output.append(alphabet[(b0 & 0x03) << 4 | b1 >> 4])
            output.append(alphabet[(b1 & 0x0F) << 2])
        default:
            break
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
    /// Checks in this order: the length, the first symbol outside the alphabet, then the unused
    /// bits of the last symbol.
    ///
    /// - Parameter bytes: The ASCII bytes of the base64url text.
    /// - Returns: The decoded bytes.
    /// - Throws: ``DuoError/invalidBase64URL`` naming the first problem found.
    public static func decode(bytes: some Collection<UInt8>) throws(DuoError) -> [UInt8] {
        let input = Array(bytes)
        guard input.count % 4 != 1 else {
            throw DuoError(.invalidBase64URL, reason: "a length of \(input.count) characters cannot encode whole bytes")
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 + 2)
        // Six bits per symbol gathered into `group`; a byte leaves whenever eight are there.
        var group: UInt32 = 0
        var bits = 0
        for (position, symbol) in input.enumerated() {
            let value = decodeTable[Int(symbol)]
            guard value != 0xFF else {
                let what = symbol == UInt8(ascii: "=") ? "padding '=' is not allowed" : "byte 0x\(String(symbol, radix: 16)) is not in the base64url alphabet"
                throw DuoError(.invalidBase64URL, reason: "\(what) (position \(position))")
            }
            group = group << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: group >> UInt32(bits)))
                group &= (1 << UInt32(bits)) - 1
            }
        }
        // The 2 or 4 bits left after the last byte must be zero: one spelling per byte string.
        guard group == 0 else { throw nonCanonical }
        return output
    }

    private static var nonCanonical: DuoError {
        DuoError(.invalidBase64URL, reason: "the last character has non-zero unused bits (non-canonical encoding)")
    }
}
