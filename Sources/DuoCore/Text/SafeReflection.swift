/// The one way the package's secret-holding types describe themselves: a type name and the
/// fields that are safe to show, for `description`, `debugDescription`, `dump` and `Mirror`.
///
/// A type that holds a secret, a key schedule (an HMAC's prepared inner and outer hash states
/// produce valid MACs without the key), a credential or a signed header lists its safe fields
/// here instead of letting reflection walk its stored properties.
package enum SafeReflection {
    /// The text shown for a value that is present but withheld.
    package static let redacted = "<redacted>"

    /// `Name(field: value, ...)` from the safe fields.
    package static func description(_ typeName: String, _ fields: KeyValuePairs<String, Any>) -> String {
        let inner = fields.map { "\($0.key): \(String(describing: $0.value))" }.joined(separator: ", ")
        return "\(typeName)(\(inner))"
    }

    /// A mirror of `subject` with only the safe fields as children.
    package static func mirror(_ subject: Any, _ fields: KeyValuePairs<String, Any>, style: Mirror.DisplayStyle = .struct) -> Mirror {
        Mirror(subject, children: fields.map { (label: Optional($0.key), value: $0.value) }, displayStyle: style)
    }

    /// `<redacted>` for a present value, `nil` for an absent one.
    package static func presence(_ value: (some Any)?) -> String {
        value == nil ? "nil" : redacted
    }
}
