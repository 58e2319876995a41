#if Emulator
/// A network-level defect the emulator injects on one path, below what `FakeDuo` (DuoTesting)
/// can script (FakeDuo answers in-process and never sees a socket).
///
/// Set with ``EmulatorState/setNetworkFault(_:on:)``; used by the fault-injection tests to show
/// that clients fail with a typed error within their deadline instead of hanging.
public enum EmulatorNetworkFault: Sendable, Hashable {
    /// Wait this long before answering normally: a slow server when shorter than the client's
    /// timeout, a stalled one when longer.
    case delay(Duration)
    /// Answer HTTP 200 with a body of this many bytes (JSON whitespace), for size caps.
    case oversizedBody(bytes: Int)
    /// Send the headers (announcing a body) and half the body, then close the connection.
    case droppedConnection
}
#endif
