import Foundation
import Testing
@testable import DuoTransport

/// Response header lines as libcurl hands them over, and the request-side `Expect` check: the
/// byte-level fast paths must give exactly what Foundation's Unicode-aware trimming gives.
struct HeaderParsingTests {
    private func job() -> TransferJob {
        TransferJob(request: PreparedRequest(
            url: "https://127.0.0.1/", method: "GET", body: [], headerLines: [], protocols: "https",
            connectTimeoutMilliseconds: 1000, totalTimeoutMilliseconds: 1000, isIdempotent: true))
    }

    private func feed(_ job: TransferJob, _ lines: [String]) {
        for line in lines {
            Array(line.utf8).withUnsafeBytes { job.receiveHeader($0) }
        }
    }

    @Test func linesAreSplitAtTheFirstColonAndTrimmed() {
        let job = job()
        feed(job, ["HTTP/1.1 200 OK\r\n", "Content-Type:  application/json \r\n", "X-Time:\t12:30:00\t\r\n",
                   "X-Empty:\r\n", "X-Blank:   \r\n", " Spaced-Name : v\r\n", "no colon here\r\n", ": nameless\r\n", "\r\n"])
        let fields = job.headers.map { "\($0.name)=\($0.value)" }
        #expect(fields == ["Content-Type=application/json", "X-Time=12:30:00", "X-Empty=", "X-Blank=", "Spaced-Name=v"])
    }

    @Test func aStatusLineStartsANewBlock() {
        let job = job()
        feed(job, ["HTTP/1.1 100 Continue\r\n", "X-Interim: 1\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "X-Final: 2\r\n", "\r\n"])
        #expect(job.headers.map(\.name) == ["X-Final"])
    }

    @Test(arguments: [
        "plain", "  both  ", "\tTabs\t", "\u{00A0}nbsp\u{00A0}", "\u{2003}em space ", " caf\u{00E9} ",
        "\u{00E9}\u{2009}", "", " ", "\t \t", "in ner", " \u{3000}ideographic\u{3000} ", "x\u{00A0}",
    ])
    func trimmingMatchesFoundation(_ text: String) {
        let trimmed = Array(text.utf8).withUnsafeBytes { TransferJob.trimmed($0) }
        #expect(trimmed == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func invalidUTF8IsRepairedAsBefore() {
        let bytes: [UInt8] = [0x20, 0xFF, 0x61, 0x20]
        let trimmed = bytes.withUnsafeBytes { TransferJob.trimmed($0) }
        #expect(trimmed == String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [
        ("Expect: 100-continue", true), ("expect;", true), ("EXPECT: x", true), ("Expect", true),
        ("Expec", false), ("X-Expect: 1", false), ("Accept: */*", false), ("", false),
    ])
    func expectHeaderIsFoundInAnyCase(_ line: String, _ isExpect: Bool) {
        #expect(TransferJob.isExpectHeader(line) == isExpect)
        #expect(TransferJob.isExpectHeader(line) == line.lowercased().hasPrefix("expect"))
    }
}
