import ChipChart
import Foundation
import Testing

@testable import ChipChartClaims

/// The provisional split of one line (docs/VIETNAM-RULES.md §5), in exact hundredths.
@Suite("Claim line amounts")
struct ClaimAmountTests {
    /// quantity, unit price, insurance price, in scope, rate, MUC_HUONG →
    /// THANH_TIEN_BV, THANH_TIEN_BH, T_BHTT, T_BNCCT, T_BNTT (worked by hand).
    @Test(arguments: [
        // 1 × 100000, 80%: the fund 80000, the patient 20000 within scope, nothing outside.
        ("1", "100000", "100000", true, 100, 80, ["100000.00", "100000.00", "80000.00", "20000.00", "0.00"]),
        // 3 × 1234.57 = 3703.71 recognised; 95% = 3518.5245 → 3518.52.
        ("3", "1500", "1234.57", true, 100, 95, ["4500.00", "3703.71", "3518.52", "185.19", "796.29"]),
        // 0.01 × 80% = 0.008 → 0.01 (half away from zero on the hundredth).
        ("1", "0.01", "0.01", true, 100, 80, ["0.01", "0.01", "0.01", "0.00", "0.00"]),
        // 0.05 × 95% = 0.0475 → 0.05.
        ("1", "0.05", "0.05", true, 100, 95, ["0.05", "0.05", "0.05", "0.00", "0.00"]),
        // Out of scope: insurance recognises nothing, the patient pays it all.
        ("2", "3000", "3000", false, 100, 100, ["6000.00", "0.00", "0.00", "0.00", "6000.00"]),
        // Paid at a 50% rate: half the insurance price is recognised.
        ("14", "2350", "2350", true, 50, 80, ["32900.00", "16450.00", "13160.00", "3290.00", "16450.00"]),
        // No card applied: MUC_HUONG 0, the recognised amount is all co-payment.
        ("1", "50600", "50600", true, 100, 0, ["50600.00", "50600.00", "0.00", "50600.00", "0.00"]),
    ])
    func splitsALine(
        _ quantity: String,
        _ price: String,
        _ insurancePrice: String,
        _ inScope: Bool,
        _ rate: Int,
        _ benefit: Int,
        _ expected: [String]
    ) throws {
        let line = try LineItem(
            kind: .service,
            code: "X",
            name: "x",
            quantity: try #require(Decimal(string: quantity)),
            unitPrice: try Money(parsing: price),
            insurancePrice: try Money(parsing: insurancePrice),
            inScope: inScope,
            paymentRatePercent: rate
        )
        let amounts = BenefitSplit(line, fundSharePercent: benefit)
        let actual = [
            amounts.facilityAmount, amounts.insuranceAmount, amounts.fundPays, amounts.patientCoPays,
            amounts.patientPaysOutsideScope,
        ]
        #expect(actual.map(\.claimsText) == expected)
        #expect(amounts.fundPays + amounts.patientCoPays + amounts.patientPaysOutsideScope == amounts.facilityAmount)
    }
}
