import Foundation

/// The region code printed on some insurance cards (`maKV`): K1, K2 or K3, for residents of
/// disadvantaged areas, which widens where they may be treated with full benefit.
public enum Region: String, Hashable, Sendable, Codable, CaseIterable {
    /// K1.
    case k1 = "K1"
    /// K2.
    case k2 = "K2"
    /// K3.
    case k3 = "K3"

    /// Reads `K1`, `K2` or `K3` (any case).
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`).
    public init(parsing text: String, field: String = "region") throws(ValidationError) {
        guard let region = Region(rawValue: text.trimmingASCIIWhitespace().uppercased()) else {
            throw ValidationError.unknownCode(field, "a region is K1, K2 or K3")
        }
        self = region
    }
}
