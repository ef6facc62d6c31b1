import Foundation

/// A person's sex as the ID card and the claims record it.
///
/// ID cards print `Nam` (male) or `Nữ` (female); the MRZ writes `M`/`F`; the claims XML codes
/// 1 male, 2 female, 3 undetermined.
public enum Sex: String, Hashable, Sendable, Codable, CaseIterable {
    /// Nam.
    case male
    /// Nữ.
    case female
    /// Not determined (claims code 3).
    case undetermined

    /// Reads `Nam`/`Nữ` (any case, composed or decomposed, or `Nu` from a scanner that lost the
    /// diacritic) and `M`/`F`.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) for anything else.
    public init(parsing text: String, field: String = "sex") throws(ValidationError) {
        let folded = PersonName.fold(text)
        switch folded {
        case "nam", "m", "male": self = .male
        case "nu", "f", "female": self = .female
        default:
            throw ValidationError.unknownCode(field, "expected Nam or Nữ, got \(text.count) characters")
        }
    }

    /// The word printed on the card: `Nam` or `Nữ` (empty when undetermined).
    public var vietnamese: String {
        switch self {
        case .male: return "Nam"
        case .female: return "Nữ"
        case .undetermined: return ""
        }
    }

    /// The claims code `GIOI_TINH`: 1 male, 2 female, 3 undetermined.
    public var claimsCode: Int {
        switch self {
        case .male: return 1
        case .female: return 2
        case .undetermined: return 3
        }
    }
}
