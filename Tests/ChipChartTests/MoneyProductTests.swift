import ChipChart
import Foundation
import Testing

@Suite("Line amounts in integers, identical to the Decimal formula")
struct MoneyProductTests {
    /// The line amounts as they were computed before the integer path, kept as the reference.
    static func reference(_ quantity: Decimal, _ price: Money, _ percent: Int?) -> Money {
        guard let percent else { return Money(rounding: quantity * price.decimal) }
        return Money(rounding: quantity * price.decimal * Decimal(percent) / 100)
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text) ?? .nan }

    /// A reproducible sequence (SplitMix64), so a failure names a case that can be rerun.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return (mixed ^ (mixed >> 31)) % bound
        }
    }

    static let percents: [Int?] = [nil, 0, 1, 33, 37, 50, 67, 80, 95, 99, 100]

    /// Generated quantities (whole, one to three decimals, up to sixteen, large) and prices.
    static let generated: [(Decimal, Money)] = {
        var generator = Generator(state: 15)
        return (0..<1_500).map { index in
            let decimals = [0, 0, 0, 1, 2, 3, 3, 6, 16][index % 9]
            let magnitude = [1_000, 1_000_000, 1_000_000_000_000][Int(generator.next(3))]
            let mantissa = Int64(generator.next(UInt64(magnitude))) + 1
            let quantity = Decimal(sign: .plus, exponent: -decimals, significand: Decimal(mantissa))
            let price = Money(minorUnits: Int64(generator.next(index % 4 == 0 ? 100_000 : 10_000_000_000)))
            return (quantity, price)
        }
    }()

    /// Ties at every scale, the largest sums that fit, products that overflow 64 bits, odd forms.
    static let boundaries: [(Decimal, Money)] = [
        (1, .zero), (1, Money(minorUnits: 1)), (decimal("0.5"), Money(minorUnits: 1)),
        (decimal("0.5"), Money(minorUnits: 3)), (decimal("0.49999"), Money(minorUnits: 1)),
        (decimal("0.005"), Money(minorUnits: 100)), (decimal("0.015"), Money(minorUnits: 100)),
        (decimal("0.125"), Money(minorUnits: 4)), (decimal("1.50"), Money(dong: 12_345)),
        (decimal("0.001"), Money(minorUnits: 50)), (decimal("0.001"), Money(minorUnits: 49)),
        (decimal("1e-16"), Money(minorUnits: 5_000_000_000_000_000)),
        (decimal("1e-17"), Money(minorUnits: 5_000_000_000_000_000)),
        (decimal("1e-30"), Money(dong: 1)), (decimal("123456789012345678901234567890"), Money(dong: 1)),
        (decimal("1e18"), Money(minorUnits: 9)), (decimal("1e19"), Money(minorUnits: 1)),
        (decimal("92233720368547758.07"), Money(minorUnits: 1)),
        (decimal("9223372036854775807"), Money(minorUnits: 1)),
        (decimal("9223372036854775808"), Money(minorUnits: 1)),
        (1_000_000, Money(dong: 90_000_000_000)), (100_000, Money(dong: 922_337_203_685)),
        (decimal("0.33333333333333333333"), Money(dong: 3)), (decimal("2.675"), Money(minorUnits: 1)),
        (decimal("999999.999"), Money(minorUnits: 99_999_999_999)), (.nan, Money(dong: 1)),
        (0, Money(dong: 1)), (-1, Money(dong: 1)), (decimal("-0.5"), Money(minorUnits: 1)),
        (1, Money(minorUnits: -150)), (decimal("0.5"), Money(minorUnits: -1)),
    ]

    /// Expects the integer path to give the reference amount for every pair at one rate.
    static func expectReference(_ pairs: [(Decimal, Money)], percent: Int?) {
        for (quantity, price) in pairs {
            #expect(
                Money(quantity: quantity, times: price, percent: percent) == reference(quantity, price, percent),
                "\(quantity) × \(price) × \(percent.map(String.init) ?? "-")"
            )
        }
    }

    @Test("Generated quantities and prices, every rate", arguments: percents)
    func generatedValues(percent: Int?) {
        Self.expectReference(Self.generated, percent: percent)
    }

    @Test("Boundary quantities and prices, every rate", arguments: percents)
    func boundaryValues(percent: Int?) {
        Self.expectReference(Self.boundaries, percent: percent)
    }

    @Test("Rates outside 0–100 take the Decimal formula", arguments: [-1, 101, 250])
    func ratesOutOfRange(percent: Int) {
        Self.expectReference(Array(Self.boundaries.prefix(12)), percent: percent)
    }

    @Test("A line's amounts are the reference formula", arguments: [0, 37, 100])
    func lineAmounts(percent: Int) throws {
        for (quantity, price) in Self.generated.prefix(300) where price.minorUnits > 0 {
            var line = try LineItem(
                kind: .drug,
                code: "D1",
                name: "drug",
                quantity: quantity,
                unitPrice: Money(minorUnits: price.minorUnits * 2),
                insurancePrice: price,
                paymentRatePercent: percent
            )
            #expect(line.facilityAmount == Self.reference(quantity, line.unitPrice, nil))
            #expect(line.insuranceAmount == Self.reference(quantity, price, percent))
            line.inScope = false
            #expect(line.insuranceAmount == .zero)
        }
    }
}
