import DuoCore
import DuoTransport
import DuoWebSDK
import Foundation
import FuzzSupport

// The Universal callback: Duo's redirect back to the application, whose query string anyone can
// forge. The first byte picks `duo_code` or `code`; the rest is the raw query string, given both
// to callback(query:) and, when it makes a URL, to callback(from:). Properties: a callback is
// only returned when its state equals the session's, and its code is never empty.

private let expectedState = "state-0123456789abcdef0123456789abcdef"
private let clients = [true, false].map { FuzzFixtures.webClient(transport: FixedResponseTransport(), useDuoCodeAttribute: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCallback(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    guard let client = input.pick(clients) else { fuzzTrap() }
    let query = String(decoding: input.rest(), as: UTF8.self)

    check(Result { () throws(DuoWebError) in try client.callback(query: query, expectedState: expectedState) })
    if let url = URL(string: "https://app.example.com/duo-callback?" + query) {
        check(Result { () throws(DuoWebError) in try client.callback(from: url, expectedState: expectedState) })
    }
    // An empty expected state must never match anything.
    fuzzCheck((try? client.callback(query: query, expectedState: "")) == nil, "a callback matched an empty session state")
    return 0
}

private func check(_ outcome: Result<DuoCallback, DuoWebError>) {
    guard case .success(let callback) = outcome else { return }
    fuzzCheck(callback.state == expectedState, "a callback with another state was accepted")
    fuzzCheck(!callback.code.isEmpty, "an empty authorization code was accepted")
}
