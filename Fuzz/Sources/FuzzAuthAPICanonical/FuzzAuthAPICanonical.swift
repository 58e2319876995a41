import DuoAuthAPI
import DuoCore
import DuoTransport
import Foundation
import FuzzSupport

// Duo Auth API request canonicalisation and signing (signature v2 and v5), with parameters from
// the fuzz bytes. First byte: the version (even v5, odd v2). Second byte: the method. The rest:
// NUL-separated name, value, name, value, ... (up to 12 pairs).
// Properties:
// - the canonical parameter string is deterministic and does not depend on the order the
//   parameters were given in;
// - it is `name=value` pairs joined by `&`, only unreserved ASCII and upper-case `%XX`, and
//   percent-decoding it gives back exactly the parameters' bytes (as a multiset);
// - the signed request's Authorization header holds the integration key and a signature that
//   verifies, with the same key, against the canonical string rebuilt from the request as sent
//   (Date header, method, host, path, query or body), and does not verify with another key or
//   for a changed string;
// - a v5 JSON body is a JSON object holding every parameter (names ASCII: exact comparison);
// - nothing thrown or described shows the secret key.

private let secretKey = "fuzzskeyFUZZSKEYfuzzskeyFUZZSKEYfuzzskey"
private let otherSecretKey = "otherkeyOTHERKEYotherkeyOTHERKEYotherkey"
private let methods: [HTTPRequest.Method] = [.get, .post, .get, .post, .delete, .put]
private let date = Date(timeIntervalSince1970: FuzzFixtures.now)

private let setup: (signer5: DuoRequestSigner, signer2: DuoRequestSigner, other5: DuoRequestSigner, other2: DuoRequestSigner, host: APIHost)? = {
    guard let ikey = try? IntegrationKey("DIFUZZAUTHAPI0000000"), let skey = try? SecretKey(secretKey),
          let other = try? SecretKey(otherSecretKey), let host = try? APIHost(FuzzFixtures.apiHost) else { return nil }
    return (DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v5),
            DuoRequestSigner(integrationKey: ikey, secretKey: skey, version: .v2),
            DuoRequestSigner(integrationKey: ikey, secretKey: other, version: .v5),
            DuoRequestSigner(integrationKey: ikey, secretKey: other, version: .v2), host)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthAPICanonical(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let setup else { fuzzTrap() }
    var input = FuzzInput(data, size)
    let v5 = input.byte() % 2 == 0
    let method = input.pick(methods)
    var pairs: [(String, String)] = []
    var rawPairs: [([UInt8], [UInt8])] = []
    while pairs.count < 12 {
        let name = input.until(0)
        let value = input.until(0)
        if name.isEmpty && value.isEmpty { break }
        let nameText = String(decoding: name, as: UTF8.self), valueText = String(decoding: value, as: UTF8.self)
        pairs.append((nameText, valueText))
        rawPairs.append((Array(nameText.utf8), Array(valueText.utf8)))
    }
    let parameters = DuoParameters(pairs)

    // Canonical parameter string: deterministic, order-independent.
    let canonical = parameters.canonicalString
    fuzzCheck(DuoParameters(pairs).canonicalString == canonical, "the canonical string is not deterministic")
    fuzzCheck(DuoParameters(pairs.reversed()).canonicalString == canonical, "reversing the parameters changed the canonical string")
    if pairs.count > 2 {
        let rotated = Array(pairs[1...] + pairs[..<1])
        fuzzCheck(DuoParameters(rotated).canonicalString == canonical, "rotating the parameters changed the canonical string")
    }

    // Shape, and percent-decoding gives back the parameter bytes.
    var decoded: [([UInt8], [UInt8])] = []
    if !canonical.isEmpty {
        for piece in canonical.split(separator: "&", omittingEmptySubsequences: false) {
            let halves = piece.split(separator: "=", omittingEmptySubsequences: false)
            fuzzCheck(halves.count == 2, "a canonical pair without exactly one '='")
            guard halves.count == 2 else { return 0 }
            fuzzCheck(halves.allSatisfy(isCanonicallyEncoded), "a canonical pair has a character outside unreserved ASCII and %XX")
            guard let name = percentDecode(halves[0]), let value = percentDecode(halves[1]) else {
                fuzzCheck(false, "a canonical pair does not percent-decode")
                return 0
            }
            decoded.append((name, value))
        }
    }
    fuzzCheck(sorted(decoded).elementsEqual(sorted(rawPairs), by: { $0.0 == $1.0 && $0.1 == $1.1 }), "percent-decoding the canonical string does not give back the parameters")

    // The whole signed request.
    let signer = v5 ? setup.signer5 : setup.signer2
    let other = v5 ? setup.other5 : setup.other2
    let request: HTTPRequest
    do throws(DuoAuthError) {
        request = try signer.signedRequest(method: method, host: setup.host, path: "/auth/v2/preauth", parameters: parameters, date: date)
        let again = try signer.signedRequest(method: method, host: setup.host, path: "/auth/v2/preauth", parameters: parameters, date: date)
        fuzzCheck(again.headers["Authorization"] == request.headers["Authorization"] && again.body == request.body
                  && again.url == request.url, "signing is not deterministic")
    } catch {
        let texts = [error.description, error.errorDescription ?? "", error.recoverySuggestion ?? "", String(reflecting: error)]
        fuzzCheck(!texts.contains { $0.contains(secretKey) }, "an error text shows the secret key")
        fuzzCheck(false, "signing a request with a fixed path failed: \(error)")
        return 0
    }
    let hasBody = method == .post || method == .put
    let url = request.url.absoluteString
    let query = url.firstIndex(of: "?").map { String(url[url.index(after: $0)...]) } ?? ""
    fuzzCheck(hasBody ? query.isEmpty : query == canonical, "the query string is not the canonical string")
    let line5: String
    if hasBody {
        line5 = v5 ? "" : canonical
        if !v5 { fuzzCheck(request.body == Array(canonical.utf8), "the v2 form body is not the canonical string") }
    } else {
        line5 = query
    }
    guard let dateHeader = request.headers["Date"], let authorization = request.headers["Authorization"],
          authorization.hasPrefix("Basic "),
          let credentials = Data(base64Encoded: String(authorization.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) }),
          credentials.hasPrefix("DIFUZZAUTHAPI0000000:") else {
        fuzzCheck(false, "the Authorization header is not Basic ikey:signature")
        return 0
    }
    let signature = String(credentials.dropFirst("DIFUZZAUTHAPI0000000:".count))
    guard let rebuilt = try? DuoRequestSigner.canonicalString(
        date: dateHeader, method: method.rawValue, host: FuzzFixtures.apiHost, path: "/auth/v2/preauth",
        canonicalParameters: line5, body: v5 ? request.body : [], version: signer.version) else {
        fuzzCheck(false, "the canonical string cannot be rebuilt")
        return 0
    }
    fuzzCheck(signer.isValid(signature: signature, for: rebuilt), "the signature does not verify with the same key")
    fuzzCheck(!other.isValid(signature: signature, for: rebuilt), "the signature verifies with another key")
    fuzzCheck(!signer.isValid(signature: signature, for: rebuilt + "x"), "the signature verifies for a changed string")
    fuzzCheck(!"\(signer)".contains(secretKey) && !String(reflecting: signer).contains(secretKey), "the signer's description shows the secret key")

    // The v5 JSON body.
    if v5 && hasBody {
        let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
        fuzzCheck(object != nil, "the v5 body is not a JSON object")
        if let object, rawPairs.allSatisfy({ $0.0.allSatisfy { $0 < 0x80 } }) {
            var expected: [String: [String]] = [:]
            for (name, value) in pairs { expected[name, default: []].append(value) }
            fuzzCheck(object.count == expected.count, "the v5 body has \(object.count) names for \(expected.count)")
            for (name, values) in expected {
                let found: [String]? = values.count == 1 ? (object[name] as? String).map { [$0] } : object[name] as? [String]
                fuzzCheck(found.map { $0.map { Array($0.utf8) } } == values.map { Array($0.utf8) }, "the v5 body changed a parameter's values")
            }
        }
    }
    return 0
}

private func isCanonicallyEncoded(_ text: Substring) -> Bool {
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, isUpperHex(bytes[index + 1]), isUpperHex(bytes[index + 2]) else { return false }
            index += 3
        } else {
            guard PercentEncoding.isUnreserved(bytes[index]) else { return false }
            index += 1
        }
    }
    return true
}

private func isUpperHex(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
}

/// Percent-decoding written here, independent of the library's decoder.
private func percentDecode(_ text: Substring) -> [UInt8]? {
    let bytes = Array(text.utf8)
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "%") {
            guard index + 2 < bytes.count, let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) else { return nil }
            output.append(value)
            index += 3
        } else {
            output.append(bytes[index])
            index += 1
        }
    }
    return output
}

private func sorted(_ pairs: [([UInt8], [UInt8])]) -> [([UInt8], [UInt8])] {
    pairs.sorted { lhs, rhs in
        lhs.0 != rhs.0 ? lhs.0.lexicographicallyPrecedes(rhs.0) : lhs.1.lexicographicallyPrecedes(rhs.1)
    }
}
