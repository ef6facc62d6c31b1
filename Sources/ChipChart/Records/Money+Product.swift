public import Foundation

extension Money {
    /// A quantity times a price, optionally times a percentage, rounded to the hundredth (half away
    /// from zero): the line amounts of the claims (`THANH_TIEN_BV`, `THANH_TIEN_BH`).
    ///
    /// Exactly `Money(rounding: quantity * price.decimal)` without a percentage and
    /// `Money(rounding: quantity * price.decimal * Decimal(percent) / 100)` with one, computed in
    /// integers when the quantity has at most 16 decimals and every product fits in 64 bits (a
    /// line's quantity, price and rate always do); otherwise by those `Decimal` formulas.
    ///
    /// ```swift
    /// let price = Money(dong: 12_345)
    /// let amount = Money(quantity: Decimal(string: "1.5") ?? 1, times: price, percent: 80)
    /// print(amount.claimsText)   // "14814.00"
    /// ```
    public init(quantity: Decimal, times price: Money, percent: Int? = nil) {
        if let minorUnits = Self.integerProduct(quantity: quantity, price: price.minorUnits, percent: percent) {
            self.init(minorUnits: minorUnits)
        } else if let percent {
            self.init(rounding: quantity * price.decimal * Decimal(percent) / 100)
        } else {
            self.init(rounding: quantity * price.decimal)
        }
    }

    /// Powers of ten up to 10¹⁸, the largest that fits in `Int64`.
    private static let powersOfTen: [Int64] = (0...18).map { exponent in
        (0..<exponent).reduce(Int64(1)) { power, _ in power * 10 }
    }

    /// `round(quantity × price × percent / 100)` in hundredths when it can be computed exactly in
    /// `Int64`; nil when the quantity or price is not positive-finite-and-small or a product
    /// overflows, so the caller falls back to `Decimal`.
    private static func integerProduct(quantity: Decimal, price: Int64, percent: Int?) -> Int64? {
        guard price >= 0, !quantity.isNaN, quantity.sign == .plus else { return nil }
        if let percent, !(0...100).contains(percent) { return nil }
        // quantity = significand × 10^exponent; the significand as an integer, checked exactly.
        let significand = quantity.significand
        let mantissa = NSDecimalNumber(decimal: significand).int64Value
        guard mantissa > 0, mantissa < powersOfTen[18], Decimal(mantissa) == significand else { return nil }
        var numerator = mantissa
        var denominator: Int64 = 1
        let exponent = quantity.exponent
        if exponent >= 0 {
            guard exponent <= 18, let scaled = multiplied(numerator, powersOfTen[exponent]) else { return nil }
            numerator = scaled
        } else {
            guard exponent >= -16 else { return nil }
            denominator = powersOfTen[-exponent]
        }
        guard let byPrice = multiplied(numerator, price) else { return nil }
        numerator = byPrice
        if let percent {
            guard let byPercent = multiplied(numerator, Int64(percent)) else { return nil }
            numerator = byPercent
            denominator *= 100
        }
        let (whole, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        return remainder >= denominator - remainder ? whole + 1 : whole
    }

    /// The product, or nil when it overflows.
    private static func multiplied(_ lhs: Int64, _ rhs: Int64) -> Int64? {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        return overflow ? nil : product
    }
}
