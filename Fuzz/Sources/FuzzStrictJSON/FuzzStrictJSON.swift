@testable import DuoCore
import Foundation
import FuzzSupport

// DuoCore's JSONReader, the one reader of every document from outside (id_token header and
// payload, token, health-check and Auth API answers), reached here through `@testable import`
// (the fuzz package builds in debug, where testability is on). It may refuse more than
// Foundation does (repeated keys, lone surrogates, deep nesting), never read a document
// differently.
// Properties:
// - a document it reads as an object is read by Foundation's JSONSerialization as a dictionary
//   with the same keys and agreeing values;
// - adding a copy of a top-level key (`{"k":null,` + the rest) makes it refuse;
// - the reader never crashes or recurses without bound (deep nesting is refused).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrictJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).all
    guard let members = try? JSONReader.readObject(bytes) else { return 0 }

    let serialized = try? JSONSerialization.jsonObject(with: Data(bytes))
    fuzzCheck(serialized is [String: Any], "JSONSerialization refuses or does not read an object where JSONReader read one")
    if let dictionary = serialized as? [String: Any] {
        fuzzCheck(agrees(.object(members), dictionary, depth: 0), "JSONSerialization's values differ from JSONReader's")
    }

    // A duplicate of an existing top-level key must be refused.
    if let key = members.keys.first, let brace = bytes.firstIndex(of: UInt8(ascii: "{")) {
        let keyJSON = Array(JSONValue.string(key).description.utf8)
        let duplicated = Array(bytes[...brace]) + keyJSON + Array(":null,".utf8) + Array(bytes[(brace + 1)...])
        fuzzCheck((try? JSONReader.readObject(duplicated)) == nil, "a repeated key was accepted")
    }
    return 0
}

/// Whether a Foundation JSON value matches a JSONValue (numbers by value, booleans as booleans).
private func agrees(_ value: JSONValue, _ other: Any, depth: Int) -> Bool {
    guard depth < 64 else { return true }
    switch value {
    case .null:
        return other is NSNull
    case .bool(let flag):
        guard let number = other as? NSNumber else { return false }
        return number.boolValue == flag
    case .integer(let integer):
        guard let number = other as? NSNumber else { return false }
        return number.int64Value == integer && number.stringValue == String(integer)
    case .double(let double):
        guard let number = other as? NSNumber else { return false }
        return number.doubleValue == double || abs(number.doubleValue - double) <= abs(double) * 1e-15
    case .string(let text):
        guard let string = other as? String else { return false }
        return Array(string.utf8) == Array(text.utf8)
    case .array(let elements):
        guard let array = other as? [Any], array.count == elements.count else { return false }
        return zip(elements, array).allSatisfy { agrees($0, $1, depth: depth + 1) }
    case .object(let members):
        guard let dictionary = other as? [String: Any], dictionary.count == members.count else { return false }
        return members.allSatisfy { key, member in dictionary[key].map { agrees(member, $0, depth: depth + 1) } ?? false }
    }
}
