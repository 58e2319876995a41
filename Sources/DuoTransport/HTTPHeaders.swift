import DuoCore
/// An ordered list of HTTP header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header field.
    public struct Field: Sendable, Hashable {
        /// The field name as given (lookup ignores case).
        public var name: String
        /// The field value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field]

    /// Creates headers from fields, in order.
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// Creates headers from a literal such as `["Content-Type": "application/json"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// The value of the first field with this name (any case), or `nil`.
    public subscript(name: String) -> String? {
        fields.first { $0.name.asciiCaseInsensitiveEquals(name) }?.value
    }

    /// Every value of fields with this name (any case), in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.asciiCaseInsensitiveEquals(name) }.map(\.value)
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(name: String, value: String) { fields.append(Field(name: name, value: value)) }

    /// Replaces every field of this name (any case) with one field.
    public mutating func replaceOrAdd(name: String, value: String) {
        fields.removeAll { $0.name.asciiCaseInsensitiveEquals(name) }
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field of this name (any case).
    public mutating func remove(name: String) { fields.removeAll { $0.name.asciiCaseInsensitiveEquals(name) } }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}

extension HTTPHeaders.Field: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Fields whose values are credentials: the signed `Authorization` of every Duo request, a
    /// proxy's credentials and cookies (a remembered browser, a session).
    static let credentialNames = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// Whether the value is a credential that text and reflection never show.
    var isCredential: Bool { Self.credentialNames.contains { name.asciiCaseInsensitiveEquals($0) } }

    /// The value, or `<redacted>` for a credential.
    var safeValue: String { isCredential ? SafeReflection.redacted : value }

    /// `Name: value`, with credentials' values redacted.
    public var description: String { "\(name): \(safeValue)" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The name and the value, with credentials' values redacted.
    public var customMirror: Mirror { SafeReflection.mirror(self, ["name": name, "value": safeValue]) }
}

extension HTTPHeaders: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `[Name: value, ...]`, with the values of `Authorization`, `Proxy-Authorization`,
    /// `Cookie` and `Set-Cookie` redacted.
    public var description: String { "[" + fields.map(\.description).joined(separator: ", ") + "]" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// The fields, each redacted as its description is.
    public var customMirror: Mirror { Mirror(self, unlabeledChildren: fields, displayStyle: .collection) }
}
