public import Foundation

/// An amount of Vietnamese đồng, held in hundredths so it is exact: never floating point.
///
/// The claims write money with a `.` and two decimals (`12345.00`), and insurance prices can
/// carry fractions of a đồng, so the unit of storage is 1/100 đồng.
///
/// ```swift
/// let price = try Money(parsing: "12500.50")
/// print(price.minorUnits)   // 1250050
/// print(price.claimsText)   // "12500.50"
/// ```
public struct Money: Hashable, Comparable, Sendable, StoredAsText, CustomStringConvertible, AdditiveArithmetic {
    /// The amount in hundredths of a đồng.
    public var minorUnits: Int64

    /// An amount in hundredths of a đồng.
    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// A whole number of đồng.
    public init(dong: Int64) { self.minorUnits = dong * 100 }

    /// Parses `12500`, `12500.5` or `12500.50` (at most two decimals, no sign, no grouping).
    ///
    /// - Throws: ``ValidationError`` (`invalidFormat`, `outOfRange`).
    public init(parsing text: String, field: String = "amount") throws(ValidationError) {
        let parts = text.trimmingASCIIWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].isASCIIDigits,
            parts.count == 1 || ((1...2).contains(parts[1].count) && parts[1].isASCIIDigits)
        else {
            throw ValidationError.invalidFormat(field, "expected an amount like 12500.50")
        }
        guard parts[0].count <= 16, let whole = Int64(parts[0]) else {
            throw ValidationError.outOfRange(field, "the amount is too large")
        }
        var cents: Int64 = 0
        if parts.count == 2 {
            cents = Int64(parts[1]) ?? 0
            if parts[1].count == 1 { cents *= 10 }
        }
        self.minorUnits = whole * 100 + cents
    }

    /// The amount as a decimal number of đồng.
    public var decimal: Decimal { Decimal(minorUnits) / 100 }

    /// Rounds a decimal number of đồng to the nearest hundredth (half away from zero).
    public init(rounding amount: Decimal) {
        var scaled = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        self.minorUnits = NSDecimalNumber(decimal: rounded).int64Value
    }

    /// `12500.50`: the claims form, with a `.` and two decimals.
    public var claimsText: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        return "\(sign)\(magnitude / 100).\(CalendarDate.pad(Int(magnitude % 100)))"
    }

    /// The claims form.
    public var description: String { claimsText }

    /// Zero đồng.
    public static let zero = Money(minorUnits: 0)

    /// The sum.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits) }
    /// The difference.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits) }

    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// The text stored: the claims text (`12500.50`), so no decimal is lost in JSON.
    public var storedText: String { claimsText }

    /// Parses stored claims text, a negative amount included.
    public init(storedText text: String) throws(ValidationError) {
        if text.hasPrefix("-") {
            self.init(minorUnits: -(try Money(parsing: String(text.dropFirst()))).minorUnits)
        } else {
            try self.init(parsing: text)
        }
    }
}
