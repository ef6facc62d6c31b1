import Foundation

/// The base salary (lương cơ sở) in force from a day, and the decree that set it.
public struct BaseSalary: Hashable, Sendable, Codable {
    /// The first day the amount applies.
    public var from: CalendarDate
    /// The monthly amount.
    public var monthly: Money
    /// The decree that set it, such as `73/2024/NĐ-CP`.
    public var decree: String

    /// A base salary in force from a day.
    public init(from: CalendarDate, monthly: Money, decree: String) {
        self.from = from
        self.monthly = monthly
        self.decree = decree
    }
}

/// The base salaries by the day they took effect: the co-payment exemption's threshold is six
/// months of the base salary in force on the visit day (docs/VIETNAM-RULES.md §7).
///
/// ``vietnam`` holds the Government's decrees since 2018; when a new decree raises the base
/// salary, an embedder passes a schedule with one more row until the library ships it.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let salaries = BaseSalarySchedule.vietnam.adding(
///     BaseSalary(from: try CalendarDate(year: 2027, month: 7, day: 1), monthly: Money(dong: 2_600_000), decree: "…")
/// )
/// print(salaries.monthly(on: try CalendarDate(year: 2025, month: 3, day: 2))?.decree ?? "")  // 73/2024/NĐ-CP
/// ```
public struct BaseSalarySchedule: Hashable, Sendable, Codable {
    /// The rows, oldest first.
    public private(set) var rows: [BaseSalary]

    /// A schedule from rows in any order; of two rows for one day the later given wins.
    public init(_ rows: [BaseSalary]) {
        var byDay: [CalendarDate: BaseSalary] = [:]
        for row in rows { byDay[row.from] = row }
        self.rows = byDay.values.sorted { $0.from < $1.from }
    }

    /// The schedule with one more row (replacing a row of the same day).
    public func adding(_ row: BaseSalary) -> BaseSalarySchedule { BaseSalarySchedule(rows + [row]) }

    /// The base salary in force on a day; `nil` before the first row.
    public func monthly(on day: CalendarDate) -> BaseSalary? { rows.last { $0.from <= day } }

    /// The Government's base salaries: 1 390 000 đ from 1 July 2018 (Decree 72/2018/NĐ-CP),
    /// 1 490 000 đ from 1 July 2019 (Decree 38/2019/NĐ-CP), 1 800 000 đ from 1 July 2023 (Decree
    /// 24/2023/NĐ-CP), 2 340 000 đ from 1 July 2024 (Decree 73/2024/NĐ-CP).
    public static let vietnam = BaseSalarySchedule(
        [
            (2018, 1_390_000, "72/2018/NĐ-CP"),
            (2019, 1_490_000, "38/2019/NĐ-CP"),
            (2023, 1_800_000, "24/2023/NĐ-CP"),
            (2024, 2_340_000, "73/2024/NĐ-CP"),
        ].compactMap { (year: Int, dong: Int64, decree: String) -> BaseSalary? in
            guard let july = try? CalendarDate(year: year, month: 7, day: 1) else { return nil }
            return BaseSalary(from: july, monthly: Money(dong: dong), decree: decree)
        }
    )
}
