import DuoCore
import DuoWebSDK
import FuzzSupport

// A remembered-browser cookie is whatever the browser sends. The store's verify parses it
// strictly and checks its MAC. Mode (first byte): even: the rest is the cookie as it arrives;
// odd: a real token is issued and one of its characters replaced (position and character from
// the next bytes), so the checks behind the parser run. Properties: no crash; an arbitrary or
// tampered cookie never skips Duo; the untampered issued token does.

private let key: RememberedBrowserKey? = try? RememberedBrowserKey(id: "fuzz-1", secret: Array(repeating: UInt8(7), count: 32))
private let tokenCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRememberedBrowser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let key else { fuzzTrap() }
    var input = FuzzInput(data, size)
    let tamper = input.byte() % 2 == 1
    let edit = (input.byte(), input.byte())
    let cookie = String(decoding: input.rest(), as: UTF8.self)
    runBlocking {
        let store = RememberedBrowserStore(key: key, clock: FixedWallClock(secondsSince1970: FuzzFixtures.now))
        if tamper {
            guard let issued = try? await store.issue(username: "alice", provider: "Staff") else { fuzzTrap() }
            let original = await store.verify(token: issued.value, username: "alice", provider: "Staff")
            guard case .skipDuo = original else { fuzzCheck(false, "a freshly issued token was refused"); return }
            var bytes = Array(issued.value.utf8)
            let position = Int(edit.0) % bytes.count
            var replacement = tokenCharacters[Int(edit.1) % tokenCharacters.count]
            if replacement == bytes[position] { replacement = replacement == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A") }
            bytes[position] = replacement
            let verdict = await store.verify(token: String(decoding: bytes, as: UTF8.self), username: "alice", provider: "Staff")
            if case .skipDuo = verdict { fuzzCheck(false, "a token with character \(position) changed skipped Duo") }
        } else {
            let verdict = await store.verify(token: cookie, username: "alice", provider: "Staff")
            if case .skipDuo = verdict { fuzzCheck(false, "a cookie that was never issued skipped Duo") }
        }
    }
    return 0
}
