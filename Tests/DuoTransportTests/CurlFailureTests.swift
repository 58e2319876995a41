import Testing
@testable import DuoTransport

/// The CURLcode (+ X509 verify result, proxy answer) to TransportError table.
struct CurlFailureTests {
    @Test(arguments: [
        (CurlFailure(code: 6), TransportError.couldNotResolveHost),
        (CurlFailure(code: 7), .couldNotConnect),
        (CurlFailure(code: 7, usesProxy: true), .proxyFailure),
        (CurlFailure(code: 5), .proxyFailure),
        (CurlFailure(code: 97), .proxyFailure),
        (CurlFailure(code: 56, proxyConnectCode: 407, usesProxy: true), .proxyFailure),
        (CurlFailure(code: 56), .connectionFailed),
        (CurlFailure(code: 52), .connectionFailed),
        (CurlFailure(code: 28), .timedOut),
        (CurlFailure(code: 42), .cancelled),
        (CurlFailure(code: 63), .responseTooLarge),
        (CurlFailure(code: 23, exceededSizeLimit: true), .responseTooLarge),
        (CurlFailure(code: 23), .connectionFailed),
        (CurlFailure(code: 3), .malformedURL),
        (CurlFailure(code: 1), .insecureURL),
        (CurlFailure(code: 60, sslVerifyResult: 10), .certificateExpired),
        (CurlFailure(code: 60, sslVerifyResult: 9), .certificateExpired),
        (CurlFailure(code: 60, sslVerifyResult: 62), .hostnameMismatch),
        (CurlFailure(code: 60, sslVerifyResult: 1, message: "SSL: no alternative certificate subject name matches target host name 'x'"), .hostnameMismatch),
        (CurlFailure(code: 60, sslVerifyResult: 0, message: "SSL: certificate subject name 'a' does not match target host name 'b'"), .hostnameMismatch),
        (CurlFailure(code: 60, sslVerifyResult: 0), .untrustedCertificate),
        (CurlFailure(code: 60, sslVerifyResult: 20), .untrustedCertificate),
        (CurlFailure(code: 60, sslVerifyResult: 19), .untrustedCertificate),
        (CurlFailure(code: 35), .tlsFailure),
        (CurlFailure(code: 77), .invalidConfiguration),
        (CurlFailure(code: 23, exceededHeaderLimit: true), .responseTooLarge),
        // A request that must not repeat, dropped once it went out: Duo may have acted on it.
        (CurlFailure(code: 52, isIdempotent: false, requestWasSent: true), .droppedAfterSending),
        (CurlFailure(code: 56, isIdempotent: false, requestWasSent: true), .droppedAfterSending),
        (CurlFailure(code: 55, isIdempotent: false, requestWasSent: true), .droppedAfterSending),
        (CurlFailure(code: 18, isIdempotent: false, requestWasSent: true), .droppedAfterSending),
        (CurlFailure(code: 42, isIdempotent: false, requestWasSent: true, refusedResend: true), .droppedAfterSending),
        // ... but not when it never went out, nor for a request that may repeat, nor for a timeout.
        (CurlFailure(code: 52, isIdempotent: false, requestWasSent: false), .connectionFailed),
        (CurlFailure(code: 7, isIdempotent: false, requestWasSent: false), .couldNotConnect),
        (CurlFailure(code: 52, isIdempotent: true, requestWasSent: true), .connectionFailed),
        (CurlFailure(code: 28, isIdempotent: false, requestWasSent: true), .timedOut),
        (CurlFailure(code: 42, isIdempotent: false, requestWasSent: true), .cancelled),
    ])
    func mapsToTypedError(failure: CurlFailure, expected: TransportError) {
        #expect(failure.transportError == expected)
        #expect(failure.transportError.recoverySuggestion?.isEmpty == false)
    }

    @Test func reasonNeverCarriesAQueryString() {
        let failure = CurlFailure(code: 3, message: "bad URL https://x/cb?code=SECRET&state=abc")
        let text = failure.transportError.description
        #expect(!text.contains("SECRET"))
        #expect(text.contains("libcurl error 3"))
    }
}
