import ChipChart

/// The money of one claim line: what the facility charges, what insurance recognises, and how
/// the recognised amount is split (DOMAIN.md §8).
struct LineAmounts: Hashable, Sendable {
    /// `THANH_TIEN_BV`.
    var facility: Money
    /// `THANH_TIEN_BH`.
    var insurance: Money
    /// `MUC_HUONG`, the fund's share in percent of the applied card's benefit level.
    var benefitPercent: Int
    /// `T_BHTT`, what the fund pays.
    var fund: Money
    /// `T_BNCCT`, the patient's co-payment within scope.
    var copayment: Money
    /// `T_BNTT`, what the patient pays outside insurance.
    var patientOwn: Money
}

/// The provisional split the claims use until the insurer reviews them, in one place so a more
/// complete benefit computation (ceilings, exemptions) can replace it.
///
/// The rules of DOMAIN.md §8, in exact hundredths of a đồng (never floating point):
/// - `T_BHTT = THANH_TIEN_BH × MUC_HUONG / 100`, rounded to the hundredth half away from zero;
/// - `T_BNCCT = THANH_TIEN_BH − T_BHTT`;
/// - `T_BNTT = THANH_TIEN_BV − THANH_TIEN_BH`.
///
/// `MUC_HUONG` is the benefit level's fund share (``ChipChart/BenefitLevel/fundSharePercent``)
/// of the card that applied to the line, or 0 when no card applied.
func provisionalSplit(of line: LineItem, benefitPercent: Int) -> LineAmounts {
    let facility = line.facilityAmount
    let insurance = line.insuranceAmount
    let scaled = insurance.minorUnits * Int64(benefitPercent)
    let fund = Money(minorUnits: (scaled + (scaled >= 0 ? 50 : -50)) / 100)
    return LineAmounts(
        facility: facility,
        insurance: insurance,
        benefitPercent: benefitPercent,
        fund: fund,
        copayment: insurance - fund,
        patientOwn: facility - insurance
    )
}
