public import ChipChart

/// What claims add up to, in exact money: the facility's total, the fund's share, the patient's
/// co-payment and what the patient pays outside the insurance scope (XML1 `T_TONGCHI_BV`,
/// `T_BHTT`, `T_BNCCT`, `T_BNTT`).
public struct ClaimTotals: Hashable, Sendable {
    /// The facility's total (`T_TONGCHI_BV`).
    public var facility: Money = .zero
    /// What the fund pays (`T_BHTT`).
    public var fund: Money = .zero
    /// The patient's co-payment (`T_BNCCT`).
    public var coPayment: Money = .zero
    /// What the patient pays outside the scope (`T_BNTT`).
    public var patient: Money = .zero

    /// Nothing yet.
    public init() {}

    /// The totals of one claim, as its XML1 row states them.
    public init(_ claim: Claim) {
        let row = claim.summary.rows.first
        func amount(_ name: String) -> Money {
            (try? Money(parsing: row?[name] ?? "", field: name)) ?? .zero
        }
        self.facility = amount("T_TONGCHI_BV")
        self.fund = amount("T_BHTT")
        self.coPayment = amount("T_BNCCT")
        self.patient = amount("T_BNTT")
    }

    /// Adds another claim's totals.
    public static func += (lhs: inout ClaimTotals, rhs: ClaimTotals) {
        lhs.facility = lhs.facility + rhs.facility
        lhs.fund = lhs.fund + rhs.fund
        lhs.coPayment = lhs.coPayment + rhs.coPayment
        lhs.patient = lhs.patient + rhs.patient
    }
}
