import DuoCore
import FuzzSupport

// JWTSigner verification (header, payload, signature) with a fixed HS512 key. The first byte
// picks a mode:
// 0: the rest is a token as it arrives (seeds include valid tokens, which libFuzzer mutates);
// 1: the rest is a payload, signed with the standard header, so verification reaches the claims;
// 2: header JSON, 0x00, payload JSON: both signed, so the header checks run behind a valid MAC.
// Properties: nothing crashes; a token only verifies when its MAC is the key's; a correctly
// signed token verifies to exactly the payload signed; changing any one character of it breaks
// verification (the base64url decoder is canonical, so no second spelling exists).

private let signer = FuzzFixtures.signer
private let otherSigner = JWTSigner(key: Array("a different key, same algorithm".utf8))
private let authenticator = MessageAuthenticator(.sha512, key: Array(FuzzFixtures.clientSecret.utf8))
private let validation = ClaimsValidation(clock: FixedWallClock(secondsSince1970: FuzzFixtures.now))
private let tokenCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    switch input.byte() % 3 {
    case 0:
        verifyArbitrary(String(decoding: input.rest(), as: UTF8.self))
    case 1:
        let edit = (input.byte(), input.byte())
        let payload = input.rest()
        let token = signer.sign(payloadJSON: payload)
        verifySigned(token, payload: payload, edit: edit)
    default:
        let edit = (input.byte(), input.byte())
        let header = input.until(0)
        let payload = input.rest()
        var signingInput = Array(Base64URL.encode(header).utf8)
        signingInput.append(UInt8(ascii: "."))
        signingInput.append(contentsOf: Base64URL.encode(payload).utf8)
        let mac = authenticator.authenticationCode(for: signingInput)
        let token = String(decoding: signingInput, as: UTF8.self) + "." + Base64URL.encode(mac)
        verifySigned(token, payload: payload, edit: edit)
    }
    return 0
}

/// A token from outside: whatever happens must be a thrown DuoError, and a token that verifies
/// must carry this key's MAC over its first two segments.
private func verifyArbitrary(_ token: String) {
    _ = try? signer.verify(token, as: [String: JSONValue].self, validation: validation)
    guard let (_, payload) = try? signer.verifySignature(token) else { return }
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    fuzzCheck(parts.count == 3, "a token with \(parts.count) segments verified")
    let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
    let signature = (try? Base64URL.decode(parts[2])) ?? []
    fuzzCheck(authenticator.isValid(signature, for: signingInput), "a token verified without this key's MAC")
    fuzzCheck((try? Base64URL.decode(parts[1])) == payload, "the verified payload is not the token's payload")
    fuzzCheck((try? otherSigner.verifySignature(token)) == nil, "a token verified under two keys")
}

/// A token correctly signed with this key: the MAC check must pass, the payload come back byte
/// for byte, and any single-character change must be refused.
private func verifySigned(_ token: String, payload: [UInt8], edit: (UInt8, UInt8)) {
    let outcome = Result { () throws(DuoError) in try signer.verifySignature(token) }
    if case .failure(let error) = outcome {
        // Only the header may legitimately be refused here; size too, for huge inputs.
        let allowed: [DuoError.Code] = [.malformedHeader, .unsupportedAlgorithm, .tokenTooLarge]
        fuzzCheck(allowed.contains(error.code), "a correctly signed token was refused: \(error.code)")
    }
    if case .success(let (header, verifiedPayload)) = outcome {
        fuzzCheck(verifiedPayload == payload, "the verified payload differs from the signed one")
        fuzzCheck(header.algorithm == JWTSigner.algorithm, "a header without alg HS512 was accepted")
        fuzzCheck(header.critical == nil, "a header with crit was accepted")
        _ = try? signer.verify(token, as: [String: JSONValue].self, validation: validation)
        fuzzCheck((try? otherSigner.verifySignature(token)) == nil, "a token verified under another key")
        var bytes = Array(token.utf8)
        let position = Int(edit.0) % bytes.count
        var replacement = tokenCharacters[Int(edit.1) % tokenCharacters.count]
        if replacement == bytes[position] { replacement = replacement == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A") }
        bytes[position] = replacement
        let tampered = String(decoding: bytes, as: UTF8.self)
        fuzzCheck((try? signer.verifySignature(tampered)) == nil, "a token with character \(position) changed still verified")
    }
}
