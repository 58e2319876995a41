@testable import DuoCore
import Foundation
import FuzzSupport

// JSONValue as the SDK makes it: arbitrary bytes through DuoCore's JSONReader (the reader of
// claims and response bodies), then `description` (DuoCore's JSONWriter, compact JSON) must read
// back to an equal value, Foundation's JSONDecoder must read it too, and the accessors must not
// trap on any number. "Equal" is JSON's notion: JSON has one number type, and
// an integral double (say -9223372036854775.08, which rounds to an integer) prints without a
// fraction and reads back as `.integer`, the same number.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONValue(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).all
    guard let value = try? JSONReader.read(bytes) else { return 0 }
    visit(value, depth: 0)
    let text = value.description
    fuzzCheck((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) != nil, "Foundation cannot read description: \(text.prefix(200))")
    guard let again = try? JSONReader.read(Array(text.utf8)) else {
        fuzzCheck(false, "description is not valid JSON: \(text.prefix(200))")
        return 0
    }
    fuzzCheck(sameJSON(again, value), "description does not decode to the same value: \(text.prefix(200))")
    if let encoded = try? JSONEncoder().encode(value) {
        let decoded = try? JSONDecoder().decode(JSONValue.self, from: encoded)
        fuzzCheck(decoded != nil, "JSONEncoder output of a JSONValue does not decode")
    }
    return 0
}

/// Touches every accessor of every nested value.
private func visit(_ value: JSONValue, depth: Int) {
    _ = value.stringValue
    _ = value.integerValue
    _ = value.objectValue
    guard depth < 64 else { return }
    switch value {
    case .array(let values): values.forEach { visit($0, depth: depth + 1) }
    case .object(let members): members.values.forEach { visit($0, depth: depth + 1) }
    default: break
    }
}

/// Equality as JSON sees it: numbers compare by value whatever case holds them.
private func sameJSON(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.integer(let integer), .double(let double)), (.double(let double), .integer(let integer)):
        return Double(integer) == double
    case (.array(let left), .array(let right)):
        return left.count == right.count && zip(left, right).allSatisfy(sameJSON)
    case (.object(let left), .object(let right)):
        return left.count == right.count && left.allSatisfy { key, value in right[key].map { sameJSON(value, $0) } ?? false }
    default:
        return lhs == rhs
    }
}
