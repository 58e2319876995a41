import Crypto
import DuoOTP
import Foundation

// Fixed inputs: shared/data/speed_inputs.json (totp_sha1, totp_sha512, base32_decode,
// parse_otpauth_uri); the same values are given to pyotp by Benchmarks/otp_peers.py.
let sha1Secret = "ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU"
let sha512Secret = "ON3WSZTUFVSHK3ZNONYGKZLEFVZWQYJVGEZC223FPEWTAMJSGM2DKNRXHA4WCYTDMRSWMZ3INFVGW3DNNZXXA4LSON2HK5TXPB4XUII"
let time: UInt64 = 1_767_225_645
let uri = "otpauth://totp/Example%20Corp:alice.benchmark%40example.com?secret=ON3WSZTUFVSHK3ZNONYGKZLEFUYTEMZU&issuer=Example%20Corp&algorithm=SHA1&digits=6&period=30"

var seconds = 1.0
var json = false
var only: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--json": json = true
    case "--only": only = arguments.popFirst()
    case "--seconds":
        guard let value = arguments.popFirst().flatMap(Double.init), value >= 0.05, value <= 30 else {
            FileHandle.standardError.write(Data("error: --seconds takes a number from 0.05 to 30\n".utf8)); exit(64)
        }
        seconds = value
    default:
        FileHandle.standardError.write(Data("usage: OTPBench [--json] [--seconds S] [--only OPERATION]\n".utf8)); exit(64)
    }
}

func fail(_ operation: String, _ what: String) -> Never {
    FileHandle.standardError.write(Data("error: \(operation): \(what)\n".utf8))
    exit(1)
}

func fold(_ text: String) -> UInt64 {
    var value: UInt64 = 0
    for byte in text.utf8 { value = value &* 31 &+ UInt64(byte) }
    return value
}

// Objects a real caller builds once are built before the loops.
let totp1: TOTPGenerator
let totp512: TOTPGenerator
do {
    totp1 = try TOTPGenerator(secret: try OTPSecret(base32: sha1Secret))
    totp512 = try TOTPGenerator(secret: try OTPSecret(base32: sha512Secret), algorithm: .sha512)
} catch { fail("setup", "\(error)") }
let verifier: TOTPVerifier
do { verifier = try TOTPVerifier(generator: totp1, window: 1) } catch { fail("setup", "\(error)") }
let prepared = HMAC<Insecure.SHA1>(key: SymmetricKey(data: Array("swift-duo-speed-1234".utf8)))
let rawKey = SymmetricKey(data: Array("swift-duo-speed-1234".utf8))

// Self-checks: a benchmark of a wrong answer is worth nothing.
if totp1.code(at: time) != "267577" { fail("totp_sha1", "expected 267577") }
if totp512.code(at: time) != "898829" { fail("totp_sha512", "expected 898829") }
do {
    let bytes = try Base32.decode(sha1Secret)
    if bytes != Array("swift-duo-speed-1234".utf8) { fail("base32_decode", "decoded bytes differ") }
    let parsed = try OTPAuthURI(parsing: uri)
    if parsed.typeName != "totp" || parsed.issuer != "Example Corp" || parsed.account != "alice.benchmark@example.com"
        || parsed.secret.base32 != sha1Secret || parsed.algorithm != .sha1 || parsed.digits != 6 || parsed.period != 30 {
        fail("parse_otpauth_uri", "parsed fields differ")
    }
} catch { fail("self-check", "\(error)") }
if verifier.verify("267577", at: time) != .accepted(step: time / 30) { fail("totp_verify_window1", "not accepted") }

var checksum: UInt64 = 0
var results: [Measurement] = []
@MainActor
func run(_ name: String, _ operation: () -> UInt64) {
    if let only, only != name { return }
    let (result, sum) = measure(name, seconds: seconds, operation)
    checksum &+= sum
    results.append(result)
    FileHandle.standardError.write(Data("\(name): \(Int(result.operationsPerSecond)) ops/s\n".utf8))
}

var step = time / 30
run("totp_sha1") { fold(totp1.code(at: time)) }
run("totp_sha512") { fold(totp512.code(at: time)) }
run("base32_decode") { UInt64((try? Base32.decode(sha1Secret))?.last ?? 0) }
run("parse_otpauth_uri") { UInt64((try? OTPAuthURI(parsing: uri))?.digits ?? 0) }
run("totp_verify_window1") { verifier.verify("267577", at: time).isAccepted ? 1 : 0 }
// The floor: swift-crypto's HMAC-SHA1 of 8 bytes with the key prepared once (the value copied
// per message).
run("ref.hmac_sha1_8_bytes") {
    var message = step.bigEndian
    step &+= 0  // same message every time, as a TOTP at a fixed time
    var mac = prepared
    withUnsafeBytes(of: &message) { mac.update(data: $0) }
    return mac.finalize().withUnsafeBytes { UInt64($0[19]) }
}
// The tightest floor: the two keyed SHA-1 states (key XOR ipad / opad absorbed once) copied and
// fed the message directly, i.e. HMAC with nothing around it.
let keyBlock = Array("swift-duo-speed-1234".utf8) + Array(repeating: 0, count: 44)
var innerState = Insecure.SHA1(), outerState = Insecure.SHA1()
innerState.update(data: keyBlock.map { $0 ^ 0x36 })
outerState.update(data: keyBlock.map { $0 ^ 0x5C })
let keyedInner = innerState, keyedOuter = outerState
run("ref.hmac_sha1_8_bytes_keyed_states") {
    var message = step.bigEndian
    var inner = keyedInner, outer = keyedOuter
    withUnsafeBytes(of: &message) { inner.update(bufferPointer: $0) }
    inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
    return outer.finalize().withUnsafeBytes { UInt64($0[19]) }
}
// For comparison: HMAC-SHA1 of 8 bytes keying from scratch each time.
run("ref.hmac_sha1_8_bytes_unprepared") {
    var message = step.bigEndian
    let mac = withUnsafeBytes(of: &message) { HMAC<Insecure.SHA1>.authenticationCode(for: $0, using: rawKey) }
    return mac.withUnsafeBytes { UInt64($0[19]) }
}

FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
if json {
    let fields = results.map { "\"\($0.name)\": {\"ops_per_sec\": \(($0.operationsPerSecond * 10).rounded() / 10), \"ns_per_op\": \(($0.nanosecondsPerOperation * 10).rounded() / 10)}" }
    print("{" + fields.joined(separator: ", ") + "}")
} else {
    for result in results {
        print(result.name.padding(toLength: 34, withPad: " ", startingAt: 0), String(format: "%12.0f ops/s %10.1f ns/op", result.operationsPerSecond, result.nanosecondsPerOperation))
    }
}
