/// One priced item of a facility's catalogue — a service, a drug or a supply — as it stands for
/// a period: its code, name, unit, prices and insurance scope.
public struct CatalogueItem: Hashable, Sendable, Codable {
    /// A service, a drug or a supply.
    public var kind: LineItem.Kind
    /// The code the claims use (`MA_DICH_VU`, `MA_THUOC`, `MA_VAT_TU`).
    public var code: String
    /// The name.
    public var name: String
    /// The unit (`DON_VI_TINH`).
    public var unit: String
    /// The facility's price per unit.
    public var price: Money
    /// The price the insurance recognises per unit, at most ``price``.
    public var insurancePrice: Money
    /// True when the insurance covers it (`PHAM_VI` 1).
    public var inScope: Bool
    /// The percentage of the insurance price the fund pays (`TYLE_TT_BH`), 0–100.
    public var coverageRatePercent: Int
    /// The first day these terms apply.
    public var effectiveFrom: CalendarDate
    /// The last day they apply, included; `nil` while in force.
    public var effectiveUntil: CalendarDate?

    /// An item; ``Catalogue/init(csv:)`` checks what a file gives.
    public init(
        kind: LineItem.Kind,
        code: String,
        name: String,
        unit: String,
        price: Money,
        insurancePrice: Money,
        inScope: Bool = true,
        coverageRatePercent: Int = 100,
        effectiveFrom: CalendarDate,
        effectiveUntil: CalendarDate? = nil
    ) {
        self.kind = kind
        self.code = code
        self.name = name
        self.unit = unit
        self.price = price
        self.insurancePrice = insurancePrice
        self.inScope = inScope
        self.coverageRatePercent = coverageRatePercent
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
    }

    /// True when the terms apply on a day.
    public func isInForce(on day: CalendarDate) -> Bool {
        effectiveFrom <= day && effectiveUntil.map { day <= $0 } ?? true
    }
}
