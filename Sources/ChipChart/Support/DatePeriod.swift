import Foundation

/// A span of calendar days, inclusive at both ends; either end may be open.
///
/// Card validity (`gtTheTu`–`gtTheDen`), an identifier's period of use and an ID card's life are
/// all day-granular in the standards.
public struct DatePeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The first day, or `nil` when unknown or open.
    public var start: CalendarDate?
    /// The last day (inclusive), or `nil` when open-ended.
    public var end: CalendarDate?

    /// Creates a period; the end may not be before the start.
    ///
    /// - Throws: ``ValidationError`` (`inconsistent`) when `end < start`.
    public init(start: CalendarDate?, end: CalendarDate?, field: String = "period") throws(ValidationError) {
        if let start, let end, end < start {
            throw ValidationError.inconsistent(field, "ends \(end) before it starts \(start)")
        }
        self.start = start
        self.end = end
    }

    /// A period with no bounds.
    public static let unbounded = DatePeriod(uncheckedStart: nil, end: nil)

    /// A period open at the end, from a day on.
    public static func from(_ start: CalendarDate) -> DatePeriod { DatePeriod(uncheckedStart: start, end: nil) }

    init(uncheckedStart start: CalendarDate?, end: CalendarDate?) {
        self.start = start
        self.end = end
    }

    /// True when the day lies within the period.
    public func contains(_ day: CalendarDate) -> Bool {
        if let start, day < start { return false }
        if let end, day > end { return false }
        return true
    }

    /// The same period closed on the day before `day` (never before its start).
    public func closed(before day: CalendarDate) -> DatePeriod {
        let last = day.adding(days: -1)
        if let start, last < start { return DatePeriod(uncheckedStart: start, end: start) }
        if let end, end < last { return self }
        return DatePeriod(uncheckedStart: start, end: last)
    }

    /// `start…end`, with `…` for an open end.
    public var description: String {
        "\(start.map(String.init(describing:)) ?? "…")–\(end.map(String.init(describing:)) ?? "…")"
    }
}
