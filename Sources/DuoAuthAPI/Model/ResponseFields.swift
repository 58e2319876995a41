import DuoCore

/// Reads fields of a Duo `response` object, failing with ``DuoAuthError/malformedResponse(_:)``
/// naming the field.
struct ResponseFields {
    let object: [String: JSONValue]
    let endpoint: String

    func string(_ name: String) throws(DuoAuthError) -> String {
        guard let value = object[name]?.stringValue else {
            throw .malformedResponse("\(endpoint): the response has no string field '\(name)'")
        }
        return value
    }

    func optionalString(_ name: String) -> String? {
        switch object[name] {
        case .string(let value)?: return value
        case .integer(let value)?: return String(value)
        default: return nil
        }
    }

    func integer(_ name: String) throws(DuoAuthError) -> Int64 {
        switch object[name] {
        case .integer(let value)?: return value
        case .string(let text)?: if let value = Int64(text) { return value }
        case .double(let value)? where value.isFinite && abs(value) < 9e15: return Int64(value)
        default: break
        }
        throw .malformedResponse("\(endpoint): the response has no integer field '\(name)'")
    }

    func bool(_ name: String) -> Bool? {
        switch object[name] {
        case .bool(let value)?: return value
        case .integer(let value)?: return value != 0
        case .string(let text)?: return text == "1" || text == "true"
        default: return nil
        }
    }
}
