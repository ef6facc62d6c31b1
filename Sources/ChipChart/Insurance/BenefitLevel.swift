import Foundation

/// The benefit level (mức hưởng), the third character of an insurance card code: 1–5.
///
/// The level sets the share the insurance fund pays of in-scope costs (docs/VIETNAM-RULES.md §2; official
/// list: Decision 1351/QĐ-BHXH): levels 1, 2 and 5 pay 100% (with different ceilings and scope),
/// level 3 pays 95%, level 4 pays 80%.
public struct BenefitLevel: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The digit, 1–5.
    public let digit: Int

    /// A benefit level.
    ///
    /// - Throws: ``ValidationError`` (`unknownCode`) outside 1–5.
    public init(_ digit: Int, field: String = "benefitLevel") throws(ValidationError) {
        guard (1...5).contains(digit) else {
            throw ValidationError.unknownCode(field, "benefit level \(digit) does not exist (1–5)")
        }
        self.digit = digit
    }

    init(trusted digit: Int) { self.digit = digit }

    /// The percentage of in-scope costs the fund pays at this level: 100, 100, 95, 80, 100.
    public var fundSharePercent: Int {
        switch digit {
        case 3: return 95
        case 4: return 80
        default: return 100
        }
    }

    /// The digit as text.
    public var description: String { String(digit) }

    /// Orders by the digit.
    public static func < (lhs: BenefitLevel, rhs: BenefitLevel) -> Bool { lhs.digit < rhs.digit }

    /// Encodes the digit.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digit)
    }

    /// Decodes and validates the digit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(Int.self))
    }
}
