import CCurl
import Foundation

/// One request's life on the transfer loop: its options, the bytes received so far and the
/// continuation that hands the result back to the awaiting task.
///
/// Thread rules: ``cancelRequested`` is guarded by the loop's lock; everything else is touched
/// only on the loop thread once the job is submitted (the submit lock orders the hand-over).
final class TransferJob: @unchecked Sendable {
    let request: PreparedRequest
    /// Set by `CurlMultiLoop.submit` before the job crosses threads.
    /// A checked continuation, although `finish(_:)` resumes it exactly once: with the unchecked
    /// kind, ThreadSanitizer reported a race now and then between the awaiting task and the loop's
    /// resume, because the hand-shake between them is in the (uninstrumented) Swift runtime. That
    /// failed `make sanitize-thread` at random; the checked kind's extra allocation costs about 1 %.
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    /// Guarded by the loop's lock.
    var cancelRequested = false

    // Loop thread only.
    var handle: EasyHandle?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private(set) var headers = HTTPHeaders()
    private(set) var body: [UInt8] = []
    private(set) var exceededLimit = false
    private var limit = 0
    /// Bytes of response header lines received so far (all header blocks of the transfer).
    private var headerBytes = 0
    private(set) var exceededHeaderLimit = false
    /// How many times libcurl was about to send the request (`CURLOPT_PREREQFUNCTION`): more
    /// than once means libcurl is re-sending it on a new connection after the first one died.
    private(set) var sendAttempts = 0
    /// Whether a second send of a request that is not idempotent was stopped.
    private(set) var refusedResend = false

    init(request: PreparedRequest) {
        self.request = request
    }

    deinit {
        freeHeaderList()
    }

    /// Sets every option of this transfer on a handle.
    func configure(_ handle: EasyHandle, settings: CurlSettings) throws(TransportError) {
        // The transport-wide options are the same for every transfer, so a handle gets them once
        // (a reset and a dozen options, the CA bundle copied, per request were measurable);
        // every option that depends on the request is set below on every transfer, never left
        // over from the handle's previous one.
        if handle.hasTransportSettings {
            handle.clearErrorMessage()
        } else {
            try handle.reset()
            try settings.apply(to: handle)
            handle.hasTransportSettings = true
        }
        limit = settings.maximumResponseBytes
        try handle.set(CURLOPT_PROTOCOLS_STR, request.protocols, "PROTOCOLS_STR")
        // libcurl re-sends a request whose kept-alive connection died before any answer byte, on
        // a new connection and whatever the method. A request that must not repeat therefore
        // goes on a new connection, where libcurl never re-sends; the pre-request callback
        // below refuses any second send in any case.
        try handle.set(CURLOPT_FRESH_CONNECT, !request.isIdempotent && settings.opensFreshConnectionsForNonIdempotentRequests, "FRESH_CONNECT")
        try handle.set(CURLOPT_URL, request.url, "URL")
        try configureMethod(handle)

        freeHeaderList()
        var hasExpect = false
        for line in request.headerLines {
            if Self.isExpectHeader(line) { hasExpect = true }
            headerList = curl_slist_append(headerList, line)
        }
        // libcurl adds `Expect: 100-continue` to larger POSTs, costing a round trip Duo does not need.
        if !hasExpect { headerList = curl_slist_append(headerList, "Expect:") }
        try handle.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headerList), "HTTPHEADER")

        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds, "CONNECTTIMEOUT_MS")
        try handle.set(CURLOPT_TIMEOUT_MS, request.totalTimeoutMilliseconds, "TIMEOUT_MS")

        let context = Unmanaged.passUnretained(self).toOpaque()
        try handle.set(CURLOPT_WRITEFUNCTION, callback: transferJobWriteCallback, "WRITEFUNCTION")
        try handle.set(CURLOPT_WRITEDATA, pointer: context, "WRITEDATA")
        try handle.set(CURLOPT_HEADERFUNCTION, callback: transferJobHeaderCallback, "HEADERFUNCTION")
        try handle.set(CURLOPT_HEADERDATA, pointer: context, "HEADERDATA")
        try handle.set(prereqCallback: transferJobPrereqCallback, "PREREQFUNCTION")
        try handle.set(CURLOPT_PREREQDATA, pointer: context, "PREREQDATA")
        self.handle = handle
    }

    /// Whether a header line starts with `expect`, in any case (without allocating a lowered copy).
    static func isExpectHeader(_ line: String) -> Bool {
        var bytes = line.utf8.makeIterator()
        for expected in "expect".utf8 {
            guard let byte = bytes.next(), byte | 0x20 == expected else { return false }
        }
        return true
    }

    /// Sets the method options. Each branch sets the method state completely (`HTTPGET` clears
    /// `POST`, `NOBODY` and upload; `CUSTOMREQUEST` is set or cleared), because handles are reused.
    private func configureMethod(_ handle: EasyHandle) throws(TransportError) {
        switch (request.method, request.body.isEmpty) {
        case ("GET", true):
            try handle.set(CURLOPT_HTTPGET, true, "HTTPGET")
            try handle.set(CURLOPT_CUSTOMREQUEST, nil, "CUSTOMREQUEST")
        case ("HEAD", true):
            try handle.set(CURLOPT_HTTPGET, true, "HTTPGET")
            try handle.set(CURLOPT_NOBODY, true, "NOBODY")
            try handle.set(CURLOPT_CUSTOMREQUEST, nil, "CUSTOMREQUEST")
        case (_, true) where request.method != "POST":
            try handle.set(CURLOPT_HTTPGET, true, "HTTPGET")
            try handle.set(CURLOPT_CUSTOMREQUEST, request.method, "CUSTOMREQUEST")
        default:
            try handle.set(CURLOPT_NOBODY, false, "NOBODY")
            try handle.set(CURLOPT_POST, true, "POST")
            try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(request.body.count), "POSTFIELDSIZE_LARGE")
            if request.body.isEmpty {
                try handle.set(CURLOPT_COPYPOSTFIELDS, "", "COPYPOSTFIELDS")
            } else {
                // COPYPOSTFIELDS copies the bytes at once, so the array may go away afterwards.
                try handle.set(CURLOPT_COPYPOSTFIELDS, copying: request.body, "COPYPOSTFIELDS")
            }
            try handle.set(CURLOPT_CUSTOMREQUEST, request.method != "POST" ? request.method : nil, "CUSTOMREQUEST")
        }
    }

    /// Releases the header list once libcurl no longer needs it (after the transfer).
    func freeHeaderList() {
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    /// Appends body bytes; `false` stops the transfer (the size cap was passed).
    fileprivate func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Counts one send of the request; `false` stops a second send of a request that is not
    /// idempotent (the transfer then fails, and ``refusedResend`` says why).
    fileprivate func willSendRequest() -> Bool {
        sendAttempts += 1
        guard sendAttempts > 1, !request.isIdempotent else { return true }
        refusedResend = true
        return false
    }

    /// Takes one header line; `false` stops the transfer (the header section passed its bound).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard headerBytes + bytes.count <= CurlSettings.maximumHeaderBytes else {
            exceededHeaderLimit = true
            return false
        }
        headerBytes += bytes.count
        receiveHeader(bytes)
        return true
    }

    /// Parses one header line. A status line starts a new header block (after `100 Continue`).
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        guard end > 0 else { return }
        if end >= 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
           bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/") {
            headers = HTTPHeaders()
            return
        }
        guard let colon = bytes[0..<end].firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = Self.trimmed(UnsafeRawBufferPointer(rebasing: bytes[0..<colon]))
        let value = Self.trimmed(UnsafeRawBufferPointer(rebasing: bytes[(colon + 1)..<end]))
        guard !name.isEmpty else { return }
        headers.add(name: name, value: value)
    }

    /// The bytes as text without leading and trailing white space (`CharacterSet.whitespaces`:
    /// tab and the Unicode space separators).
    ///
    /// This runs for every header line of every response, so ASCII edges (always, in practice)
    /// are trimmed on the bytes; only a non-ASCII byte at an edge takes Foundation's Unicode-aware
    /// path, which keeps the result identical for such lines too.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> String {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        guard start < end, bytes[start] < 0x80, bytes[end - 1] < 0x80 else {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Resumes the awaiting task exactly once.
    func finish(_ result: Result<HTTPResponse, any Error>) {
        freeHeaderList()
        handle = nil
        continuation?.resume(with: result)
        continuation = nil
    }
}

/// `CURLOPT_WRITEFUNCTION`: returning less than asked aborts the transfer (`CURLE_WRITE_ERROR`).
private func transferJobWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let job = Unmanaged<TransferJob>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return 0 }
    return job.receive(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// `CURLOPT_HEADERFUNCTION`: one whole header line per call.
private func transferJobHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let job = Unmanaged<TransferJob>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard length > 0, let data else { return length }
    // Returning less than asked aborts the transfer (`CURLE_WRITE_ERROR`).
    return job.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// `CURLOPT_PREREQFUNCTION`: called each time libcurl is about to send the request.
private func transferJobPrereqCallback(
    _ context: UnsafeMutableRawPointer?, _ primaryIP: UnsafeMutablePointer<CChar>?, _ localIP: UnsafeMutablePointer<CChar>?,
    _ primaryPort: Int32, _ localPort: Int32
) -> Int32 {
    guard let context else { return Int32(CURL_PREREQFUNC_ABORT) }
    let job = Unmanaged<TransferJob>.fromOpaque(context).takeUnretainedValue()
    return job.willSendRequest() ? Int32(CURL_PREREQFUNC_OK) : Int32(CURL_PREREQFUNC_ABORT)
}
