import Foundation

extension BenefitSplit {
    /// How many months of the base salary the year's co-payment must pass for the exemption.
    public static let exemptionMonthsOfBaseSalary: Int64 = 6

    /// The exemption threshold on a day: six months of the base salary in force; `nil` before the
    /// schedule's first row.
    public static func exemptionThreshold(
        on day: CalendarDate,
        baseSalaries: BaseSalarySchedule = .vietnam
    ) -> Money? {
        baseSalaries.monthly(on: day).map { Money(minorUnits: $0.monthly.minorUnits * exemptionMonthsOfBaseSalary) }
    }

    /// A visit's splits with the co-payment exemption applied (Law on Health Insurance, Art. 22
    /// as amended; Decree 188/2025/NĐ-CP, Art. 18(2); docs/VIETNAM-RULES.md §7).
    ///
    /// A patient with five continuous years of coverage on `day` whose co-payment in the
    /// calendar year exceeds six months of the base salary in force on `day` pays no further
    /// co-payment that year. Walking the lines in order from the year's cumulative co-payment,
    /// the part of a line's co-payment (`T_BNCCT`) beyond the threshold moves to the fund
    /// (`T_BHTT`); every later line's co-payment is covered whole, and such a line's
    /// `MUC_HUONG` becomes 100. Amounts outside the scope (`T_BNTT`) are never covered. Without a
    /// standing, before the five-year date, or below the threshold the splits are unchanged.
    ///
    /// - Parameters:
    ///   - splits: the visit's lines, in order.
    ///   - standing: the patient's five-year date and the year's co-payment before the visit.
    ///   - day: the visit's day (its admission, Vietnam time).
    ///   - baseSalaries: the base salaries by date.
    public static func exempting(
        _ splits: [BenefitSplit],
        standing: CoPaymentStanding?,
        on day: CalendarDate,
        baseSalaries: BaseSalarySchedule = .vietnam
    ) -> [BenefitSplit] {
        guard let standing, standing.hasFiveYears(on: day),
            let threshold = exemptionThreshold(on: day, baseSalaries: baseSalaries)
        else { return splits }
        var paid = standing.cumulativeCoPayment(before: day)
        return splits.map { split in
            guard split.patientCoPays > .zero else { return split }
            let room = max(.zero, threshold - paid)
            let patientPart = min(split.patientCoPays, room)
            paid += patientPart
            return split.covering(split.patientCoPays - patientPart)
        }
    }

    /// The split with `amount` of its co-payment paid by the fund instead.
    private func covering(_ amount: Money) -> BenefitSplit {
        guard amount > .zero else { return self }
        var copy = self
        copy.fundPays += amount
        copy.patientCoPays -= amount
        if copy.patientCoPays == .zero { copy.fundSharePercent = 100 }
        return copy
    }
}
