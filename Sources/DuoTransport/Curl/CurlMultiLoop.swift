import CCurl
import CCurlShims
import Foundation

/// One dedicated thread that drives every transfer of a transport through a `curl_multi` handle.
///
/// Async callers never block: ``submit(_:)`` queues a job under a lock and wakes the loop with
/// `curl_multi_wakeup`; the loop adds it to the multi handle, runs `curl_multi_perform`, sleeps in
/// `curl_multi_poll` (woken by sockets, libcurl's own timers, or the next wakeup), and resumes the
/// job's continuation when libcurl reports it done. Cancellation is a second queue handled the
/// same way, so a cancelled transfer is removed within one loop turn, not at libcurl's next tick.
///
/// The multi handle keeps the connection cache, so consecutive requests to the same host reuse
/// one TLS connection; `CURLOPT_MAXAGE_CONN` retires idle ones before Duo drops them.
///
/// Hand-offs are the cost of this design (a sequential request crosses threads twice), so a
/// submit writes to libcurl's wakeup socket only while the loop sleeps in `curl_multi_poll`
/// (`sleeping`); a loop that is still working picks the job up on its next turn. A bounded spin
/// of the loop waiting for a sequential caller's next request was measured too (windows of 25, 60
/// and 150 µs against nginx, 3 rounds each): no gain over this, so it is not done.
///
/// The loop is also a `TaskExecutor` (``CurlTransport/preferredTaskExecutor``): a task that prefers it runs
/// its nonisolated code on this thread between loop turns, so its continuation resumes here and
/// its next request is picked up in the same turn, with no thread hand-off at all (the way
/// AsyncHTTPClient lets a caller prefer the event loop of its channel).
final class CurlMultiLoop: TaskExecutor, @unchecked Sendable {
    private let settings: CurlSettings
    private let multi: UnsafeMutableRawPointer

    // Guarded by `lock`.
    private let lock = NSLock()
    private var incoming: [TransferJob] = []
    private var cancellations: [TransferJob] = []
    /// Swift jobs of tasks that prefer this loop as their executor.
    private var executorJobs: [UnownedJob] = []
    private var stopping = false
    private var stopped = false
    /// Whether the loop is in (or about to enter) `curl_multi_poll`, so that a new job must wake it.
    private var sleeping = false
    /// The loop thread, for `isLoopThread` (set once when the thread starts).
    private var loopThread: pthread_t?

    // Loop thread only.
    private var active: [UnsafeMutableRawPointer: TransferJob] = [:]
    private var spareHandles: [EasyHandle] = []
    private static let maximumSpareHandles = 16
    private static let connectionCacheSize = 64

    /// Creates the multi handle and starts the thread.
    init(settings: CurlSettings) throws(TransportError) {
        guard CurlGlobal.ensureInitialized(), let multi = curl_multi_init() else {
            throw TransportError(.invalidConfiguration, reason: "libcurl could not create a multi handle")
        }
        self.settings = settings
        self.multi = multi
        // libcurl's default cache holds 4 connections per transfer running at the moment a
        // transfer ends; after a burst of concurrent requests that closes kept-alive connections
        // that the next burst must open again (a TLS handshake each). A fixed size keeps them;
        // idle ones still retire after `maximumIdleSeconds`.
        ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, Self.connectionCacheSize)
        let thread = Thread { [self] in self.run() }
        thread.name = "swift-duo.curl"
        thread.start()
    }

    /// Hands a job to the loop. The job's continuation must be set.
    func submit(_ job: TransferJob) {
        let accepted = lock.withLock { () -> Bool in
            guard !stopping else { return false }
            incoming.append(job)
            wakeIfSleeping()
            return true
        }
        if !accepted {
            job.finish(.failure(TransportError(.cancelled, reason: "the transport was shut down")))
        }
    }

    /// Asks the loop to abort a job (from a task cancellation handler, any thread).
    func cancel(_ job: TransferJob) {
        lock.withLock {
            job.cancelRequested = true
            guard !stopped else { return }
            cancellations.append(job)
            wakeIfSleeping()
        }
    }

    /// Runs a Swift job on the loop thread at the start of the next loop turn (`TaskExecutor`).
    ///
    /// Once the loop has stopped, jobs go to the global concurrent executor instead, so a task
    /// that still prefers a shut-down transport's executor keeps running.
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let accepted = lock.withLock { () -> Bool in
            guard !stopped else { return false }
            executorJobs.append(unowned)
            wakeIfSleeping()
            return true
        }
        if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(unowned)) }
    }

    /// Wakes the loop if it sleeps in `curl_multi_poll`. Call with `lock` held.
    private func wakeIfSleeping() {
        guard sleeping else { return }
        sleeping = false
        curl_multi_wakeup(multi)
    }

    /// Stops the thread after failing every queued and running job with `cancelled`.
    func shutdown() {
        lock.withLock {
            stopping = true
            if !stopped { curl_multi_wakeup(multi) }
        }
    }

    // MARK: - The loop thread

    /// Whether the caller runs on this loop's thread.
    var isLoopThread: Bool {
        lock.withLock { loopThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    private func run() {
        lock.withLock { loopThread = pthread_self() }
        var ready: [UnownedJob] = []
        while true {
            // Swift jobs first: a task resumed in the last turn submits its next request here,
            // so that request starts in this turn.
            lock.withLock { swap(&ready, &executorJobs) }
            for job in ready { job.runSynchronously(on: asUnownedTaskExecutor()) }
            ready.removeAll(keepingCapacity: true)

            let (newJobs, cancelled, isStopping) = lock.withLock { () -> ([(TransferJob, Bool)], [TransferJob], Bool) in
                let jobs = incoming.map { ($0, $0.cancelRequested) }
                let cancels = cancellations
                incoming.removeAll(keepingCapacity: true)
                cancellations.removeAll(keepingCapacity: true)
                return (jobs, cancels, stopping)
            }
            if isStopping {
                for (job, _) in newJobs { job.finish(.failure(Self.cancelledError)) }
                break
            }
            for (job, isCancelled) in newJobs {
                if isCancelled {
                    job.finish(.failure(Self.cancelledError))
                } else {
                    start(job)
                }
            }
            for job in cancelled {
                abort(job)
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinishedTransfers()
            let mustSleep = lock.withLock { () -> Bool in
                guard incoming.isEmpty, cancellations.isEmpty, executorJobs.isEmpty, !stopping else { return false }
                sleeping = true
                return true
            }
            if mustSleep {
                // libcurl shortens this to its own next timer; a wakeup ends it at once.
                curl_multi_poll(multi, nil, 0, 1000, nil)
                lock.withLock { sleeping = false }
            }
        }
        tearDown()
    }

    private func start(_ job: TransferJob) {
        guard let handle = spareHandles.popLast() ?? EasyHandle() else {
            job.finish(.failure(TransportError(.invalidConfiguration, reason: "libcurl could not create an easy handle")))
            return
        }
        do {
            try job.configure(handle, settings: settings)
        } catch {
            recycle(handle)
            job.finish(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi, handle.raw)
        guard code == CURLM_OK else {
            recycle(handle)
            job.finish(.failure(TransportError(.connectionFailed, reason: "libcurl could not start the transfer (CURLMcode \(code.rawValue))")))
            return
        }
        active[handle.raw] = job
    }

    /// Removes a running transfer; removing an unfinished transfer closes its connection.
    private func abort(_ job: TransferJob) {
        guard let handle = job.handle, active.removeValue(forKey: handle.raw) != nil else { return }
        curl_multi_remove_handle(multi, handle.raw)
        recycle(handle)
        job.finish(.failure(Self.cancelledError))
    }

    /// Hands every completed transfer's result to its task.
    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard ccurl_message_is_done(message) != 0,
                  let raw = ccurl_message_easy_handle(message),
                  let job = active.removeValue(forKey: raw), let handle = job.handle else { continue }
            let result = ccurl_message_result(message)
            curl_multi_remove_handle(multi, raw)
            job.finish(outcome(of: job, handle: handle, result: result))
            recycle(handle)
        }
    }

    private func outcome(of job: TransferJob, handle: EasyHandle, result: CURLcode) -> Result<HTTPResponse, any Error> {
        guard result == CURLE_OK else {
            var message = handle.errorMessage
            if message.isEmpty { message = String(cString: curl_easy_strerror(result)) }
            let failure = CurlFailure(
                code: Int(result.rawValue),
                sslVerifyResult: handle.info(long: CURLINFO_SSL_VERIFYRESULT),
                osErrno: handle.info(long: CURLINFO_OS_ERRNO),
                proxyConnectCode: handle.info(long: CURLINFO_HTTP_CONNECTCODE),
                usesProxy: settings.proxy.map { !$0.isEmpty } ?? false,
                exceededSizeLimit: job.exceededLimit,
                exceededHeaderLimit: job.exceededHeaderLimit,
                isIdempotent: job.request.isIdempotent,
                requestWasSent: job.sendAttempts > 0,
                refusedResend: job.refusedResend,
                message: message
            )
            return .failure(failure.transportError)
        }
        return .success(HTTPResponse(status: handle.info(long: CURLINFO_RESPONSE_CODE), headers: job.headers, body: job.body))
    }

    private func recycle(_ handle: EasyHandle) {
        if spareHandles.count < Self.maximumSpareHandles { spareHandles.append(handle) }
    }

    private func tearDown() {
        for job in active.values {
            if let handle = job.handle { curl_multi_remove_handle(multi, handle.raw) }
            job.finish(.failure(Self.cancelledError))
        }
        active.removeAll()
        spareHandles.removeAll()
        let (late, lateSwiftJobs) = lock.withLock { () -> ([TransferJob], [UnownedJob]) in
            stopped = true
            defer {
                incoming.removeAll()
                executorJobs.removeAll()
            }
            return (incoming, executorJobs)
        }
        for job in late { job.finish(.failure(Self.cancelledError)) }
        for job in lateSwiftJobs { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        curl_multi_cleanup(multi)
    }

    private static let cancelledError = TransportError(.cancelled, reason: "the request was cancelled")
}
