/// How much of a QR code may be damaged or hidden and still be read: the four error-correction
/// levels of ISO/IEC 18004. A higher level holds less data in a code of the same size.
public enum QRErrorCorrection: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Level L: about 7% of the codewords can be restored.
    case low
    /// Level M: about 15% (the usual choice for codes shown on screens).
    case medium
    /// Level Q: about 25%.
    case quartile
    /// Level H: about 30%.
    case high

    /// The level's letter: `L`, `M`, `Q` or `H`.
    public var description: String {
        switch self {
        case .low: return "L"
        case .medium: return "M"
        case .quartile: return "Q"
        case .high: return "H"
        }
    }

    /// The level named by its letter (`L`, `M`, `Q`, `H`, either case), or `nil`.
    public init?(letter: some StringProtocol) {
        switch letter.uppercased() {
        case "L": self = .low
        case "M": self = .medium
        case "Q": self = .quartile
        case "H": self = .high
        default: return nil
        }
    }

    /// The two bits the format information carries for the level (not its order of strength).
    var formatBits: Int {
        switch self {
        case .low: return 1
        case .medium: return 0
        case .quartile: return 3
        case .high: return 2
        }
    }

    /// The row of the level in the capacity tables.
    var tableIndex: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .quartile: return 2
        case .high: return 3
        }
    }
}
