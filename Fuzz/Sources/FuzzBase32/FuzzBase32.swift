import DuoOTP
import FuzzSupport

// DuoOTP's Base32 decoder (OTP secrets typed, pasted or read from QR codes), on arbitrary text.
// Properties:
// - decode(encode(x)) == x for any non-empty bytes x, also lower-cased, spaced and padded (the
//   decoder's documented normalisation: spaces anywhere and trailing `=` dropped, letters
//   case-insensitive);
// - whatever decodes, re-encodes to the same symbols once normalised (upper case, no spaces,
//   no padding), except the unused low bits of the last symbol, which the decoder ignores by
//   design; the byte count is symbols * 5 / 8;
// - a refusal names the right problem (`empty` only when no symbol is left, `invalidCharacter`
//   at a position holding a byte outside the alphabet) and its texts never repeat the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase32(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).all

    // Encoding side: any bytes.
    let encoded = Base32.encode(bytes)
    fuzzCheck(encoded.utf8.count == (bytes.count * 8 + 4) / 5, "encode gave \(encoded.utf8.count) symbols for \(bytes.count) bytes")
    if !bytes.isEmpty {
        fuzzCheck((try? Base32.decode(encoded)) == bytes, "decode(encode(x)) != x")
        fuzzCheck((try? Base32.decode(encoded.lowercased())) == bytes, "lower-case decode(encode(x)) != x")
        let padding = String(repeating: "=", count: (8 - encoded.utf8.count % 8) % 8)
        let spaced = spacedOut(encoded) + padding
        fuzzCheck((try? Base32.decode(spaced)) == bytes, "spaced and padded decode(encode(x)) != x")
    }

    // Decoding side: the bytes as text.
    let text = String(decoding: bytes, as: UTF8.self)
    let utf8 = Array(text.utf8)
    do throws(Base32Error) {
        let decoded = try Base32.decode(text)
        let normalised = normalise(utf8)
        fuzzCheck(!decoded.isEmpty, "decode returned no bytes without an error")
        fuzzCheck(decoded.count == normalised.count * 5 / 8, "\(normalised.count) symbols decoded to \(decoded.count) bytes")
        let again = Array(Base32.encode(decoded).utf8)
        fuzzCheck(again.count == normalised.count, "re-encoding gave \(again.count) symbols for \(normalised.count)")
        guard again.count == normalised.count, let last = again.last, let lastInput = normalised.last else { return 0 }
        fuzzCheck(again.dropLast().elementsEqual(normalised.dropLast()), "re-encoding changed a symbol before the last")
        let unusedBits = (normalised.count * 5) % 8
        let mask = UInt8((1 << unusedBits) - 1)
        fuzzCheck(symbolValue(last) & mask == 0, "the canonical last symbol has unused bits set")
        fuzzCheck(symbolValue(last) == symbolValue(lastInput) & ~mask, "re-encoding changed the used bits of the last symbol")
        fuzzCheck((try? Base32.decode(String(decoding: again, as: UTF8.self))) == decoded, "the canonical form decodes differently")
    } catch {
        switch error {
        case .empty:
            fuzzCheck(normalise(utf8).isEmpty && !utf8.contains { !isSpaceOrPad($0) && !isSymbol($0) },
                      "empty for text with symbols")
        case .invalidCharacter(let position):
            fuzzCheck(position >= 1 && position <= utf8.count, "invalid character position \(position) outside 1...\(utf8.count)")
            if position >= 1 && position <= utf8.count {
                let byte = utf8[position - 1]
                fuzzCheck(!isSymbol(byte) && byte != UInt8(ascii: " "), "invalid character reported at a valid symbol or space")
            }
        case .invalidLength(let symbolCount):
            fuzzCheck([1, 3, 6].contains(symbolCount % 8), "invalid length for \(symbolCount) symbols")
            fuzzCheck(symbolCount == normalise(utf8).count, "invalid length reports \(symbolCount) symbols, the text has \(normalise(utf8).count)")
        }
        let texts = [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        if utf8.count >= 16 {
            fuzzCheck(!texts.contains { $0.contains(text) }, "an error text repeats the input")
        }
    }
    return 0
}

/// Symbols only: spaces and trailing padding removed, letters upper-cased (valid input only).
private func normalise(_ text: [UInt8]) -> [UInt8] {
    var end = text.count
    while end > 0 && isSpaceOrPad(text[end - 1]) { end -= 1 }
    return text[..<end].filter { $0 != UInt8(ascii: " ") }.map { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 - 32 : $0 }
}

private func isSpaceOrPad(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") }

private func isSymbol(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(byte)
}

/// The 5-bit value of an upper-case symbol.
private func symbolValue(_ symbol: UInt8) -> UInt8 {
    symbol >= UInt8(ascii: "A") ? symbol - UInt8(ascii: "A") : symbol - UInt8(ascii: "2") + 26
}

/// Groups of four symbols separated by spaces, as authenticator apps show secrets.
private func spacedOut(_ text: String) -> String {
    var output = ""
    for (index, character) in text.enumerated() {
        if index > 0 && index % 4 == 0 { output += " " }
        output.append(character)
    }
    return output
}
