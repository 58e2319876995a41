import DuoAuthAPI
import DuoCore
import DuoTesting
import DuoTransport
import Foundation
import Testing

/// Hostile dates and clock offsets: refused with a typed error, never an overflow trap.
@Suite("Hostile dates and clock offsets")
struct HostileDateTests {
    @Test("DuoDate.parse refuses out-of-range fields with a typed error", arguments: [
        "Tue, 01 Jan 99999999999999 00:00:00 -0000", "Tue, 01 Jan -9223372036854775808 00:00:00 -0000",
        "Tue, 99999999999999999999 Jan 2026 00:00:00 -0000", "Tue, 01 Jan 2026 99999999999999:00:00 -0000",
        "Tue, 01 Jan 2026 00:99999999999999:00 -0000", "Tue, 01 Jan 2026 00:00:99999999999999 -0000",
        "Tue, 01 Jan 2026 00:00:00 +99999", "Tue, 01 Jan 2026 00:00:00 -9999", "Tue, 31 Feb 2026 00:00:00 -0000",
        "Tue, 00 Jan 2026 00:00:00 -0000", "Tue, 01 Jan 0000 00:00:00 -0000", "Tue, 01 Jan 10000 00:00:00 -0000",
        "Tue, +1 Jan 2026 00:00:00 -0000", "Tue, 01 Jan 2026 24:00:00 -0000", "yesterday", "",
    ])
    func parseRefuses(_ text: String) {
        #expect(throws: DuoAuthError.self) { try DuoDate.parse(text) }
    }

    @Test("DuoDate.parse still reads what Duo's clients send")
    func parseAccepts() throws {
        #expect(try DuoDate.parse(Doc.date) == Doc.dateValue)
        #expect(try DuoDate.parse("Tue, 21 Aug 2012 19:29:18 +0200") == Doc.dateValue)
        #expect(try DuoDate.parse("Tue, 21 Aug 2012 17:29:18 GMT") == Doc.dateValue)
        #expect(try DuoDate.parse("Mon, 01 Jan 0001 00:00:00 -0000") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(try DuoDate.parse("Fri, 31 Dec 9999 23:59:59 -0000") == Date(timeIntervalSince1970: 253_402_300_799))
    }

    @Test("DuoDate.format refuses dates outside the years 1 to 9999 instead of trapping", arguments: [
        Double.infinity, -Double.infinity, Double.nan, 1e19, -1e19, 253_402_300_800, -62_135_596_801,
    ])
    func formatRefuses(_ seconds: Double) {
        #expect(throws: DuoAuthError.self) { try DuoDate.format(Date(timeIntervalSince1970: seconds)) }
    }

    @Test("DuoDate.format pads years below 1000 as Python's formatdate does")
    func formatPads() throws {
        #expect(try DuoDate.format(Date(timeIntervalSince1970: -62_135_596_800)) == "Mon, 01 Jan 0001 00:00:00 -0000")
        #expect(try DuoDate.format(Date(timeIntervalSince1970: 253_402_300_799)) == "Fri, 31 Dec 9999 23:59:59 -0000")
    }

    @Test("an unsigned /ping that claims a time far away is refused, not turned into a clock offset", arguments: [
        "9223372036854775807", "-9223372036854775808", "-1", "0", "99999999999", "253402300799",
    ])
    func hostilePingTime(_ time: String) async throws {
        let transport = MockHTTPTransport()
        await transport.enqueue(status: 200, json: #"{"stat":"OK","response":{"time":\#(time)}}"#)
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Doc.ikey, secretKey: Doc.skey, apiHost: Doc.host),
                                   transport: transport)
        await #expect {
            _ = try await client.measureClockOffset()
        } throws: { error in
            guard case .malformedResponse(let reason)? = error as? DuoAuthError else { return false }
            return reason.contains("more than a day") || reason.contains("not a Unix time")
        }
    }

    @Test("a clock offset far too large makes signing fail with a typed error, not a trap")
    func hugeOffsetFailsSigning() async throws {
        let transport = MockHTTPTransport()
        let configuration = try DuoAuthConfiguration(integrationKey: Doc.ikey, secretKey: Doc.skey, apiHost: Doc.host)
        let client = DuoAuthClient(configuration: configuration, transport: transport,
                                   clock: OffsetWallClock(base: SystemWallClock(), offset: 9.2e18))
        await #expect {
            _ = try await client.check()
        } throws: { error in
            guard case .invalidArgument(let reason)? = error as? DuoAuthError else { return false }
            return reason.contains("clock")
        }
        #expect(await transport.requests.isEmpty, "a request was sent with an impossible Date")
    }

    @Test("the fake refuses a hostile Date with 401 and keeps answering", arguments: [
        "Tue, 01 Jan 99999999999999 00:00:00 -0000", "Tue, 01 Jan 2026 00:00:00 +99999999999999",
    ])
    func fakeRefusesHostileDate(_ date: String) async throws {
        let (duo, _) = try await FakeDuoAuthAPI.make(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host)
        let url = try #require(URL(string: "https://\(Fake.host)/auth/v2/check"))
        let hostile = HTTPRequest(method: .get, url: url, headers: ["Date": date, "Authorization": "Basic " + Data("\(Fake.ikey):00".utf8).base64EncodedString()])
        let response = try await duo.send(hostile)
        #expect(response.status == 401)
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Fake.ikey, secretKey: Fake.skey, apiHost: Fake.host),
                                   transport: duo)
        _ = try await client.check()
    }

    @Test("Duo's FAIL message cannot carry a control character into an error")
    func failMessageIsSanitised() async throws {
        let transport = MockHTTPTransport()
        await transport.enqueue(status: 400, json: #"{"stat":"FAIL","code":40002,"message":"Invalid\r\nrequest","message_detail":"a\u001b[2Jb\u2028c"}"#)
        let client = DuoAuthClient(configuration: try DuoAuthConfiguration(integrationKey: Doc.ikey, secretKey: Doc.skey, apiHost: Doc.host),
                                   transport: transport)
        await #expect {
            _ = try await client.preauth(.username("ivy"))
        } throws: { error in
            guard let failure = (error as? DuoAuthError)?.apiFailure else { return false }
            let texts = [failure.message ?? "", failure.messageDetail ?? "", "\(error)", (error as? DuoAuthError)?.errorDescription ?? ""]
            return texts.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" } } && failure.message == "Invalid??request"
        }
    }
}
