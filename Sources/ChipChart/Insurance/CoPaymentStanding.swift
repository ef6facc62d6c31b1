import Foundation

/// Where an insured patient stands towards the co-payment exemption before a visit: the day
/// they reached five continuous years of coverage, and what they have co-paid so far in a
/// calendar year.
///
/// The five-year date is the card check's `ngayDu5Nam` (``PortalAnswer/Card/fiveYearDate``) or
/// the coverage's own record (``Coverage/fiveYearDate``); the cumulative co-payment is the
/// insurer's (`TraCuuTienMCCT`, `tBNCCTLuyKe`) or the embedder's own count. See
/// ``BenefitSplit/exempting(_:standing:on:baseSalaries:)`` for the rule.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let standing = try CoPaymentStanding(
///     fiveYearDate: coverage.fiveYearDate, year: 2026, cumulativeCoPayment: Money(dong: 13_500_000))
/// ```
public struct CoPaymentStanding: Hashable, Sendable {
    /// The day five continuous years of coverage were reached; `nil` when not reached or not known.
    public var fiveYearDate: CalendarDate?
    /// The calendar year ``cumulativeCoPayment`` counts.
    public var year: Int
    /// The co-payment (`T_BNCCT`) paid in ``year`` before the visit.
    public var cumulativeCoPayment: Money

    /// A standing.
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`) for a negative cumulative co-payment or a year
    ///   outside 1900–9999.
    public init(fiveYearDate: CalendarDate?, year: Int, cumulativeCoPayment: Money) throws(ValidationError) {
        guard (1900...9999).contains(year) else {
            throw ValidationError.outOfRange("year", "the year \(year) is out of range")
        }
        guard cumulativeCoPayment >= .zero else {
            throw ValidationError.outOfRange("cumulativeCoPayment", "a cumulative co-payment cannot be negative")
        }
        self.fiveYearDate = fiveYearDate
        self.year = year
        self.cumulativeCoPayment = cumulativeCoPayment
    }

    /// The standing with a five-year date from another record when it has none.
    public func fillingFiveYearDate(_ fallback: CalendarDate?) -> CoPaymentStanding {
        var copy = self
        copy.fiveYearDate = fiveYearDate ?? fallback
        return copy
    }

    /// The co-payment already paid in the year of `day`: ``cumulativeCoPayment`` for ``year``,
    /// zero for another year (the count starts again each 1 January).
    public func cumulativeCoPayment(before day: CalendarDate) -> Money {
        day.year == year ? cumulativeCoPayment : .zero
    }

    /// True when five continuous years of coverage are reached on `day` (on the five-year date
    /// itself included).
    public func hasFiveYears(on day: CalendarDate) -> Bool {
        fiveYearDate.map { $0 <= day } ?? false
    }
}
