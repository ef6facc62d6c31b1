import ChipChart
import Foundation
import Testing

@Suite("The per-line benefit split of Decision 130/4750, in exact money")
struct BenefitSplitTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var quantity: Decimal
        var unitPrice: String
        var insurancePrice: String
        var inScope = true
        var rate = 100
        var level: Int
        // Expected, computed by hand.
        var facility: String
        var insurance: String
        var fund: String
        var coPay: String
        var outside: String

        var description: String { name }
    }

    static let cases: [Case] = [
        // 2 × 150 000 at the facility, 2 × 120 000 recognised: 300 000 / 240 000; 60 000 outside.
        Case(
            name: "level 1, 100%",
            quantity: 2,
            unitPrice: "150000",
            insurancePrice: "120000",
            level: 1,
            facility: "300000.00",
            insurance: "240000.00",
            fund: "240000.00",
            coPay: "0.00",
            outside: "60000.00"
        ),
        Case(
            name: "level 2, 100%",
            quantity: 2,
            unitPrice: "150000",
            insurancePrice: "120000",
            level: 2,
            facility: "300000.00",
            insurance: "240000.00",
            fund: "240000.00",
            coPay: "0.00",
            outside: "60000.00"
        ),
        // 240 000 × 95% = 228 000; co-pay 12 000.
        Case(
            name: "level 3, 95%",
            quantity: 2,
            unitPrice: "150000",
            insurancePrice: "120000",
            level: 3,
            facility: "300000.00",
            insurance: "240000.00",
            fund: "228000.00",
            coPay: "12000.00",
            outside: "60000.00"
        ),
        // 240 000 × 80% = 192 000; co-pay 48 000.
        Case(
            name: "level 4, 80%",
            quantity: 2,
            unitPrice: "150000",
            insurancePrice: "120000",
            level: 4,
            facility: "300000.00",
            insurance: "240000.00",
            fund: "192000.00",
            coPay: "48000.00",
            outside: "60000.00"
        ),
        Case(
            name: "level 5, 100%",
            quantity: 2,
            unitPrice: "150000",
            insurancePrice: "120000",
            level: 5,
            facility: "300000.00",
            insurance: "240000.00",
            fund: "240000.00",
            coPay: "0.00",
            outside: "60000.00"
        ),
        // 12 345.67 × 95% = 11 728.3865 → 11 728.39; co-pay 617.28.
        Case(
            name: "level 3 rounds to the hundredth",
            quantity: 1,
            unitPrice: "12345.67",
            insurancePrice: "12345.67",
            level: 3,
            facility: "12345.67",
            insurance: "12345.67",
            fund: "11728.39",
            coPay: "617.28",
            outside: "0.00"
        ),
        // 12 345.67 × 80% = 9 876.536 → 9 876.54; co-pay 2 469.13.
        Case(
            name: "level 4 rounds to the hundredth",
            quantity: 1,
            unitPrice: "12345.67",
            insurancePrice: "12345.67",
            level: 4,
            facility: "12345.67",
            insurance: "12345.67",
            fund: "9876.54",
            coPay: "2469.13",
            outside: "0.00"
        ),
        // Half a tablet at 3 333.33: 1 666.665 → 1 666.67; × 80% = 1 333.336 → 1 333.34.
        Case(
            name: "half a tablet, level 4",
            quantity: Decimal(string: "0.5") ?? 0,
            unitPrice: "3333.33",
            insurancePrice: "3333.33",
            level: 4,
            facility: "1666.67",
            insurance: "1666.67",
            fund: "1333.34",
            coPay: "333.33",
            outside: "0.00"
        ),
        // TYLE_TT_BH 50%: 100 000 recognised at half, 50 000; × 80% = 40 000; 50 000 outside.
        Case(
            name: "payment rate 50%, level 4",
            quantity: 1,
            unitPrice: "100000",
            insurancePrice: "100000",
            rate: 50,
            level: 4,
            facility: "100000.00",
            insurance: "50000.00",
            fund: "40000.00",
            coPay: "10000.00",
            outside: "50000.00"
        ),
        Case(
            name: "out of scope, level 1",
            quantity: 1,
            unitPrice: "50000",
            insurancePrice: "50000",
            inScope: false,
            level: 1,
            facility: "50000.00",
            insurance: "0.00",
            fund: "0.00",
            coPay: "0.00",
            outside: "50000.00"
        ),
    ]

    @Test(arguments: cases)
    func split(_ example: Case) throws {
        let line = try LineItem(
            kind: .drug,
            code: "D1",
            name: "drug",
            quantity: example.quantity,
            unitPrice: try Money(parsing: example.unitPrice),
            insurancePrice: try Money(parsing: example.insurancePrice),
            inScope: example.inScope,
            paymentRatePercent: example.rate
        )
        let split = BenefitSplit(line, level: try BenefitLevel(example.level))
        #expect(split.facilityAmount.claimsText == example.facility)
        #expect(split.insuranceAmount.claimsText == example.insurance)
        #expect(split.fundPays.claimsText == example.fund)
        #expect(split.patientCoPays.claimsText == example.coPay)
        #expect(split.patientPaysOutsideScope.claimsText == example.outside)
        #expect(split.fundPays + split.patientCoPays + split.patientPaysOutsideScope == split.facilityAmount)
    }

    @Test("A line without coverage is paid by the patient in full")
    func selfPay() throws {
        let line = try LineItem(
            kind: .service,
            code: "S1",
            name: "service",
            quantity: 3,
            unitPrice: Money(dong: 10_000),
            insurancePrice: Money(dong: 8_000)
        )
        let split = BenefitSplit(selfPay: line)
        #expect(split.fundPays == .zero)
        #expect(split.patientCoPays == .zero)
        #expect(split.patientPaysOutsideScope == Money(dong: 30_000))
        let totals = BenefitSplit.total([split, BenefitSplit(line, level: try BenefitLevel(4))])
        #expect(totals.facilityAmount == Money(dong: 60_000))
        #expect(totals.fundPays == Money(dong: 19_200))
        #expect(totals.patientCoPays == Money(dong: 4_800))
        #expect(totals.patientPaysOutsideScope == Money(dong: 36_000))
    }
}
