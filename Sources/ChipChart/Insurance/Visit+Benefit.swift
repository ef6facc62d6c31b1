public import Foundation

extension Visit {
    /// The coverage period that applies to a moment of the visit: the one whose `from`–`until`
    /// holds it; for a moment before the first period, the first; after the last, the last.
    public func appliedCoverage(at instant: Date) -> AppliedCoverage? {
        if let exact = appliedCoverages.first(where: { $0.from <= instant && ($0.until.map { instant < $0 } ?? true) })
        {
            return exact
        }
        guard let first = appliedCoverages.first else { return nil }
        return instant < first.from ? first : appliedCoverages.last
    }

    /// Each line split between the fund, the co-payment and the patient outside scope, with the
    /// benefit level of the card that applied when the line was ordered (a stay that spans a
    /// replacement pays each line by its own card). A line without an order time takes the
    /// card at admission; a visit without coverage is self-pay. See ``BenefitSplit`` for the rule.
    public var benefitSplits: [BenefitSplit] {
        lineItems.map { line in
            guard let applied = appliedCoverage(at: line.orderedAt ?? admittedAt) else {
                return BenefitSplit(selfPay: line)
            }
            return BenefitSplit(line, level: applied.cardCode.level)
        }
    }

    /// ``benefitSplits`` with the co-payment exemption applied for a patient's standing on the
    /// admission day (``BenefitSplit/exempting(_:standing:on:baseSalaries:)``).
    public func benefitSplits(
        standing: CoPaymentStanding?,
        baseSalaries: BaseSalarySchedule = .vietnam
    ) -> [BenefitSplit] {
        BenefitSplit.exempting(
            benefitSplits,
            standing: standing,
            on: CalendarDate(containing: admittedAt),
            baseSalaries: baseSalaries
        )
    }
}
