public import Foundation

/// One billed line of a visit: a drug, a service or a supply, with its prices and insurance scope.
///
/// Prices are ``Money`` (exact hundredths of a đồng); the quantity is a `Decimal` (half a
/// tablet). The claims split each line between the fund, the patient's co-payment and what the
/// patient pays outside scope (docs/VIETNAM-RULES.md §5).
public struct LineItem: Hashable, Sendable, Codable {
    /// What is billed.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A drug (claims XML2).
        case drug
        /// A medical service or procedure (claims XML3).
        case service
        /// A medical supply (claims XML3).
        case supply
    }

    /// What is billed.
    public var kind: Kind
    /// The code (`MA_THUOC`, `MA_DICH_VU`, `MA_VAT_TU`).
    public var code: String
    /// The name.
    public var name: String
    /// The quantity (`SO_LUONG`).
    public var quantity: Decimal
    /// The facility's unit price (`DON_GIA` / `DON_GIA_BV`).
    public var unitPrice: Money
    /// The unit price the insurance recognises (`DON_GIA_BH`); at most ``unitPrice``.
    public var insurancePrice: Money
    /// True when the item is within the insurance scope (`PHAM_VI` = 1).
    public var inScope: Bool
    /// The percentage of the insurance price the fund recognises (`TYLE_TT_BH`), 0–100.
    public var paymentRatePercent: Int
    /// When it was ordered (`NGAY_YL`).
    public var orderedAt: Date?

    /// Creates a line, checking that it makes sense.
    ///
    /// - Throws: ``ValidationError`` naming `lineItem.code`, `lineItem.quantity`,
    ///   `lineItem.insurancePrice` or `lineItem.paymentRatePercent`.
    public init(
        kind: Kind,
        code: String,
        name: String,
        quantity: Decimal,
        unitPrice: Money,
        insurancePrice: Money,
        inScope: Bool = true,
        paymentRatePercent: Int = 100,
        orderedAt: Date? = nil
    ) throws(ValidationError) {
        guard !code.trimmingASCIIWhitespace().isEmpty else {
            throw ValidationError.missing("lineItem.code", "a line needs a code")
        }
        guard quantity > 0 else {
            throw ValidationError.outOfRange("lineItem.quantity", "the quantity must be positive")
        }
        guard unitPrice >= .zero, insurancePrice >= .zero, insurancePrice <= unitPrice else {
            throw ValidationError.outOfRange(
                "lineItem.insurancePrice",
                "prices are not negative and the insurance price is at most the unit price"
            )
        }
        guard (0...100).contains(paymentRatePercent) else {
            throw ValidationError.outOfRange("lineItem.paymentRatePercent", "a rate is 0–100")
        }
        self.kind = kind
        self.code = code.trimmingASCIIWhitespace()
        self.name = name
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.insurancePrice = insurancePrice
        self.inScope = inScope
        self.paymentRatePercent = paymentRatePercent
        self.orderedAt = orderedAt
    }

    /// The facility's amount for the line (`THANH_TIEN_BV` = quantity × unit price), rounded to
    /// the hundredth.
    public var facilityAmount: Money { Money(quantity: quantity, times: unitPrice) }

    /// The amount the insurance recognises (`THANH_TIEN_BH` = quantity × insurance price × rate),
    /// zero when out of scope.
    public var insuranceAmount: Money {
        guard inScope else { return .zero }
        return Money(quantity: quantity, times: insurancePrice, percent: paymentRatePercent)
    }
}
