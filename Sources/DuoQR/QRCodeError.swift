public import Foundation

/// Why a QR code could not be made or drawn. The message never repeats the payload, which may be
/// a secret (an `otpauth://` URI holds the key).
public struct QRCodeError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// What went wrong.
    public enum Reason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The payload does not fit in a version 40 code at the chosen level.
        case payloadTooLong = "payload-too-long"
        /// A version outside 1...40 or a mask outside 0...7 was asked for.
        case invalidSymbolSettings = "invalid-symbol-settings"
        /// A drawing scale outside ``QRCode/scaleRange``.
        case invalidScale = "invalid-scale"

        /// The stable code, for example `payload-too-long`.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public let reason: Reason
    /// Detail for people: sizes and limits, never the payload.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// `cannot make the QR code (<reason>): <detail>`.
    public var description: String { "cannot make the QR code (\(reason.rawValue)): \(detail)" }

    /// What went wrong.
    public var errorDescription: String? { description }

    /// What to do next.
    public var recoverySuggestion: String? {
        switch reason {
        case .payloadTooLong:
            return "Shorten the payload, or choose a lower error-correction level (L holds the most)."
        case .invalidSymbolSettings:
            return "Choose a version from 1 to 40 and a mask from 0 to 7, or let the encoder choose."
        case .invalidScale:
            return "Choose a scale from \(QRCode.scaleRange.lowerBound) to \(QRCode.scaleRange.upperBound) pixels per module."
        }
    }
}
