import DuoCore
/// Extra lines Duo Mobile shows with a push (`pushinfo`): ordered `key=value` pairs.
///
/// Duo takes them as one URL-encoded string, `k1=v1&k2=v2`, which is then percent-encoded again
/// as a parameter value; values may hold `=`, `&`, spaces and any text.
public struct DuoPushInfo: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The pairs, in the order Duo Mobile shows them.
    public var pairs: [(key: String, value: String)] {
        get { storage.map { (key: $0[0], value: $0[1]) } }
        set { storage = newValue.map { [$0.key, $0.value] } }
    }
    private var storage: [[String]]

    /// Creates push info from pairs, in order.
    public init(_ pairs: [(String, String)]) { storage = pairs.map { [$0.0, $0.1] } }

    /// Creates push info from a literal, in order.
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    /// Whether there are no pairs.
    public var isEmpty: Bool { storage.isEmpty }

    /// The `pushinfo` parameter value: each key and value percent-encoded, `&`-joined, in order.
    public var encoded: String {
        storage.map { DuoPercentEncoding.encode($0[0]) + "=" + DuoPercentEncoding.encode($0[1]) }.joined(separator: "&")
    }
}
