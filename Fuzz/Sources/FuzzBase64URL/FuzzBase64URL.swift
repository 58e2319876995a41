import DuoCore
import FuzzSupport

// Base64URL: strict decoding of arbitrary bytes, and the round-trip properties
// decode(encode(x)) == x for any bytes x, and encode(decode(s)) == s whenever decode(s) succeeds
// (the decoder accepts exactly one spelling of every byte string).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBase64URL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).all

    let encoded = Base64URL.encode(bytes)
    fuzzCheck(encoded.utf8.count == (bytes.count * 4 + 2) / 3, "encode gave \(encoded.utf8.count) characters for \(bytes.count) bytes")
    fuzzCheck((try? Base64URL.decode(encoded)) == bytes, "decode(encode(x)) != x")

    let fromBytes = try? Base64URL.decode(bytes: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    let fromText = try? Base64URL.decode(text)
    if let fromBytes {
        fuzzCheck(Array(Base64URL.encode(fromBytes).utf8) == bytes, "encode(decode(s)) != s")
        fuzzCheck(fromText == fromBytes, "decoding the same ASCII as bytes and as text differs")
        fuzzCheck(fromBytes.count == bytes.count * 3 / 4, "decode gave \(fromBytes.count) bytes for \(bytes.count) characters")
    } else if Array(text.utf8) == bytes {
        fuzzCheck(fromText == nil, "text decoded where the same bytes did not")
    }
    return 0
}
