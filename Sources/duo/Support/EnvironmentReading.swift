import DuoCore
import DuoTransport
import Foundation

/// Reading `DUO_*` variables, shared by the Universal and Auth API commands: a missing or
/// ill-formed variable becomes a ``UniversalEnvironment/Problem`` naming it (never its value
/// when it is a secret), before any request is sent.
struct EnvironmentReading {
    typealias Problem = UniversalEnvironment.Problem

    let environment: [String: String]

    /// A required, non-empty variable.
    func required(_ name: String) throws(Problem) -> String {
        guard let value = environment[name], !value.isEmpty else { throw Problem(variable: name, message: "is not set (required)") }
        return value
    }

    /// Reads a required variable and validates it with a DuoCore initializer, turning its
    /// `DuoError` into a problem that names the variable.
    func validated<Value>(_ name: String, _ make: (String) throws(DuoError) -> Value) throws(Problem) -> Value {
        let text = try required(name)
        do { return try make(text) } catch { throw Problem(variable: name, message: error.errorDescription ?? "is not valid") }
    }

    /// `DUO_CA_BUNDLE`: exactly these roots when set, Duo's pinned bundle otherwise.
    func trust() throws(Problem) -> TrustPolicy {
        guard let bundle = environment["DUO_CA_BUNDLE"] else { return .duoPinned }
        var isDirectory: ObjCBool = false
        guard !bundle.isEmpty, FileManager.default.fileExists(atPath: bundle, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: bundle) else {
            throw Problem(variable: "DUO_CA_BUNDLE", message: "is not a readable PEM file")
        }
        return .customRootsFile(path: bundle)
    }

    /// `DUO_HTTP_TIMEOUT` as limits (connect at most 10 s), or `nil` when unset.
    func httpTimeout() throws(Problem) -> HTTPTimeout? {
        guard let text = environment["DUO_HTTP_TIMEOUT"] else { return nil }
        guard let seconds = Self.decimalSeconds(text) else {
            throw Problem(variable: "DUO_HTTP_TIMEOUT", message: "must be a number of seconds greater than 0 (decimals allowed), got '\(text.prefix(40))'")
        }
        let total = Duration.milliseconds(Int64((seconds * 1000).rounded(.up)))
        return HTTPTimeout(connect: min(.seconds(10), total), total: total)
    }

    /// Parses `30`, `2.5`, `.5`: plain decimal, more than 0, at most one day.
    static func decimalSeconds(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }),
              text.utf8.filter({ $0 == UInt8(ascii: ".") }).count <= 1, let value = Double(text.hasPrefix(".") ? "0" + text : text),
              value.isFinite, value > 0, value <= 86_400 else { return nil }
        return value
    }

    /// A plain decimal integer in a range (no sign, no fraction), or a problem naming the variable.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(Problem) -> Int {
        guard let text = environment[name] else { return defaultValue }
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let value = Int(text), range.contains(value) else {
            throw Problem(variable: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text.prefix(40))'")
        }
        return value
    }
}
