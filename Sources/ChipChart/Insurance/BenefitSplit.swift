import Foundation

/// How one billed line is paid: by the insurance fund, by the patient as co-payment, and by the
/// patient outside the insurance scope. Exact money, never floating point.
///
/// The rule, from the claims standard (Decision 130/QĐ-BYT as amended by 4750/QĐ-BYT;
/// docs/VIETNAM-RULES.md §5), per line:
///
/// | amount | claims field | rule |
/// |---|---|---|
/// | ``facilityAmount`` | `THANH_TIEN_BV` | quantity × facility unit price |
/// | ``insuranceAmount`` | `THANH_TIEN_BH` | quantity × insurance price × `TYLE_TT_BH` / 100; 0 out of scope |
/// | ``fundPays`` | `T_BHTT` | `THANH_TIEN_BH` × `MUC_HUONG` / 100 |
/// | ``patientCoPays`` | `T_BNCCT` | `THANH_TIEN_BH` − `T_BHTT` |
/// | ``patientPaysOutsideScope`` | `T_BNTT` | `THANH_TIEN_BV` − `THANH_TIEN_BH` |
///
/// `MUC_HUONG`, the fund's share, comes from the card's benefit level (docs/VIETNAM-RULES.md §2, Decision
/// 1351/QĐ-BHXH): levels 1, 2 and 5 pay 100%, level 3 95%, level 4 80%
/// (``BenefitLevel/fundSharePercent``). `T_BHTT` is rounded to the hundredth of a đồng, half away
/// from zero; the co-payment takes the remainder, so the three parts always add up to the
/// facility amount exactly. Ceilings for some level-2 items and the out-of-scope costs level 5
/// covers are not modelled: pass an explicit share when the insurer's rules give another one.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let split = BenefitSplit(line, fundSharePercent: coverage.cardCode.level.fundSharePercent)
/// print(split.fundPays.claimsText)     // "T_BHTT"
/// ```
public struct BenefitSplit: Hashable, Sendable, Codable {
    /// The facility's amount for the line (`THANH_TIEN_BV`).
    public var facilityAmount: Money
    /// The amount the insurance recognises (`THANH_TIEN_BH`).
    public var insuranceAmount: Money
    /// The fund's share applied, 0–100 (`MUC_HUONG`); 0 when no coverage applied.
    public var fundSharePercent: Int
    /// What the fund pays (`T_BHTT`).
    public var fundPays: Money
    /// What the patient pays as co-payment within scope (`T_BNCCT`).
    public var patientCoPays: Money
    /// What the patient pays outside the insurance scope (`T_BNTT`).
    public var patientPaysOutsideScope: Money

    /// Splits a line for a fund share (0–100; values outside are clamped).
    public init(_ line: LineItem, fundSharePercent: Int) {
        let share = min(100, max(0, fundSharePercent))
        let facility = line.facilityAmount
        let insurance = line.insuranceAmount
        let fund = Self.percent(share, of: insurance)
        self.facilityAmount = facility
        self.insuranceAmount = insurance
        self.fundSharePercent = share
        self.fundPays = fund
        self.patientCoPays = insurance - fund
        self.patientPaysOutsideScope = facility - insurance
    }

    /// Splits a line for a card's benefit level.
    public init(_ line: LineItem, level: BenefitLevel) {
        self.init(line, fundSharePercent: level.fundSharePercent)
    }

    /// A line no coverage applied to: the patient pays the whole facility amount.
    public init(selfPay line: LineItem) {
        let facility = line.facilityAmount
        self.facilityAmount = facility
        self.insuranceAmount = .zero
        self.fundSharePercent = 0
        self.fundPays = .zero
        self.patientCoPays = .zero
        self.patientPaysOutsideScope = facility
    }

    /// What the patient pays in all (`T_BNCCT` + `T_BNTT`).
    public var patientPays: Money { patientCoPays + patientPaysOutsideScope }

    /// The sum of several splits (the visit totals of claims XML1).
    public static func total(_ splits: [BenefitSplit]) -> BenefitSplit.Totals {
        splits.reduce(into: Totals()) { totals, split in
            totals.facilityAmount += split.facilityAmount
            totals.insuranceAmount += split.insuranceAmount
            totals.fundPays += split.fundPays
            totals.patientCoPays += split.patientCoPays
            totals.patientPaysOutsideScope += split.patientPaysOutsideScope
        }
    }

    /// Totals over several lines (`T_TONGCHI_BV`, `T_TONGCHI_BH`, `T_BHTT`, `T_BNCCT`, `T_BNTT`).
    public struct Totals: Hashable, Sendable, Codable {
        /// `T_TONGCHI_BV`.
        public var facilityAmount: Money = .zero
        /// `T_TONGCHI_BH`.
        public var insuranceAmount: Money = .zero
        /// `T_BHTT`.
        public var fundPays: Money = .zero
        /// `T_BNCCT`.
        public var patientCoPays: Money = .zero
        /// `T_BNTT`.
        public var patientPaysOutsideScope: Money = .zero

        /// Zero totals.
        public init() {}
    }

    /// `amount × percent / 100`, rounded to the hundredth half away from zero, in integers.
    static func percent(_ percent: Int, of amount: Money) -> Money {
        let product = amount.minorUnits * Int64(percent)
        let quotient = product / 100
        let remainder = product % 100
        if remainder * 2 >= 100 { return Money(minorUnits: quotient + 1) }
        if remainder * 2 <= -100 { return Money(minorUnits: quotient - 1) }
        return Money(minorUnits: quotient)
    }
}
