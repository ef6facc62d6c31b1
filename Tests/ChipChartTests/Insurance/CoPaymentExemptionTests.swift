import ChipChart
import Foundation
import Testing

@Suite("The co-payment exemption: five years and six months of base salary")
struct CoPaymentExemptionTests {
    /// One visit at a benefit level, its lines' in-scope amounts, the standing before it, and the
    /// expected co-payment and fund share of each line, worked out by hand.
    ///
    /// Each line is billed 50 000 đ above its insurance price, so 50 000 đ is outside the scope
    /// and never covered. From 1 July 2024 the threshold is 6 × 2 340 000 = 14 040 000 đ; before,
    /// 6 × 1 800 000 = 10 800 000 đ.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var level = 4
        var fiveYearDate: String? = "2025-03-02"
        var visitDay = "2025-03-02"
        var standingYear = 2025
        var cumulative: Int64
        var insured: [Int64] = [1_000_000]
        // Expected, per line.
        var coPays: [Int64]
        var shares: [Int] = [80]

        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "the day before the five-year date",
            fiveYearDate: "2025-03-03",
            cumulative: 20_000_000,
            coPays: [200_000]
        ),
        Case(name: "on the five-year date", cumulative: 20_000_000, coPays: [0], shares: [100]),
        Case(name: "no five-year date", fiveYearDate: nil, cumulative: 20_000_000, coPays: [200_000]),
        // 14 040 000 − 13 839 999 = 200 001 of room: the 200 000 co-payment stays under.
        Case(name: "cumulative just under the threshold", cumulative: 13_839_999, coPays: [200_000]),
        Case(name: "cumulative equal to the threshold", cumulative: 14_040_000, coPays: [0], shares: [100]),
        Case(name: "cumulative over the threshold", cumulative: 14_040_001, coPays: [0], shares: [100]),
        // 100 000 of room: the first line's 200 000 is half paid, half covered; the second line
        // (co-payment 100 000) is covered whole.
        Case(
            name: "a visit crossing the threshold",
            cumulative: 13_940_000,
            insured: [1_000_000, 500_000],
            coPays: [100_000, 0],
            shares: [80, 100]
        ),
        Case(
            name: "a level-100% group has nothing to cover",
            level: 1,
            cumulative: 20_000_000,
            coPays: [0],
            shares: [100]
        ),
        Case(name: "level 3 (95%) crossing", level: 3, cumulative: 14_000_000, coPays: [40_000], shares: [95]),
        Case(
            name: "the last day of the year still counts the year",
            visitDay: "2025-12-31",
            cumulative: 20_000_000,
            coPays: [0],
            shares: [100]
        ),
        Case(
            name: "a new year starts from zero",
            visitDay: "2026-01-01",
            cumulative: 20_000_000,
            coPays: [200_000]
        ),
        Case(
            name: "the old base salary until 30 June 2024",
            fiveYearDate: "2020-01-01",
            visitDay: "2024-06-30",
            standingYear: 2024,
            cumulative: 12_000_000,
            coPays: [0],
            shares: [100]
        ),
        Case(
            name: "the new base salary from 1 July 2024",
            fiveYearDate: "2020-01-01",
            visitDay: "2024-07-01",
            standingYear: 2024,
            cumulative: 12_000_000,
            coPays: [200_000]
        ),
    ]

    @Test(arguments: cases)
    func exemption(_ example: Case) throws {
        let splits = try example.insured.map { amount in
            BenefitSplit(try Self.line(insured: amount), level: try BenefitLevel(example.level))
        }
        let standing = try CoPaymentStanding(
            fiveYearDate: try example.fiveYearDate.map { try Self.day($0) },
            year: example.standingYear,
            cumulativeCoPayment: Money(dong: example.cumulative)
        )
        let exempted = BenefitSplit.exempting(splits, standing: standing, on: try Self.day(example.visitDay))
        #expect(exempted.map(\.patientCoPays) == example.coPays.map { Money(dong: $0) })
        #expect(exempted.map(\.fundSharePercent) == example.shares)
        for (split, original) in zip(exempted, splits) {
            #expect(split.patientPaysOutsideScope == Money(dong: 50_000))
            #expect(split.fundPays + split.patientCoPays == original.insuranceAmount)
            #expect(split.fundPays + split.patientCoPays + split.patientPaysOutsideScope == split.facilityAmount)
        }
    }

    @Test("Without a standing the provisional split is kept")
    func noStanding() throws {
        let splits = [BenefitSplit(try Self.line(insured: 1_000_000), level: try BenefitLevel(4))]
        #expect(BenefitSplit.exempting(splits, standing: nil, on: try Self.day("2025-03-02")) == splits)
    }

    @Test("The threshold follows a configured base salary")
    func configuredSchedule() throws {
        let raised = BaseSalarySchedule.vietnam.adding(
            BaseSalary(from: try Self.day("2026-07-01"), monthly: Money(dong: 3_000_000), decree: "test")
        )
        #expect(
            BenefitSplit.exemptionThreshold(on: try Self.day("2026-06-30"), baseSalaries: raised)
                == Money(dong: 14_040_000)
        )
        #expect(
            BenefitSplit.exemptionThreshold(on: try Self.day("2026-07-01"), baseSalaries: raised)
                == Money(dong: 18_000_000)
        )
        #expect(BenefitSplit.exemptionThreshold(on: try Self.day("2018-06-30")) == nil)
        #expect(BaseSalarySchedule.vietnam.monthly(on: try Self.day("2025-03-02"))?.decree == "73/2024/NĐ-CP")
    }

    @Test("A negative cumulative co-payment is refused, naming the field")
    func negativeCumulative() {
        #expect(throws: ValidationError.self) {
            try CoPaymentStanding(fiveYearDate: nil, year: 2025, cumulativeCoPayment: Money(dong: -1))
        }
        do {
            _ = try CoPaymentStanding(fiveYearDate: nil, year: 2025, cumulativeCoPayment: Money(dong: -1))
        } catch {
            #expect(error.field == "cumulativeCoPayment")
        }
    }

    static func line(insured amount: Int64) throws -> LineItem {
        try LineItem(
            kind: .service,
            code: "S1",
            name: "service",
            quantity: 1,
            unitPrice: Money(dong: amount + 50_000),
            insurancePrice: Money(dong: amount)
        )
    }

    static func day(_ text: String) throws -> CalendarDate {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return try CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }
}
