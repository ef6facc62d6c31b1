public import Foundation

/// A day in Vietnam's calendar, without a time: a card's validity bound, an issue date.
///
/// Vietnam keeps UTC+7 all year, with no daylight saving, so a day maps to instants with a fixed
/// offset (``VietnamTime``). Dates compare in calendar order.
///
/// ```swift
/// let validTo = try CalendarDate(year: 2025, month: 12, day: 31)
/// print(CalendarDate(containing: Date()) == validTo)   // is now within that Vietnamese day?
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, such as 2025.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// Creates a date, rejecting a day that does not exist (30 February).
    ///
    /// - Throws: ``ValidationError`` with reason `outOfRange` naming the part that is wrong.
    public init(year: Int, month: Int, day: Int, field: String = "date") throws(ValidationError) {
        guard (1...9999).contains(year) else {
            throw ValidationError.outOfRange(field, "year \(year) is out of range")
        }
        guard (1...12).contains(month) else {
            throw ValidationError.outOfRange(field, "month \(month) does not exist")
        }
        guard (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else {
            throw ValidationError.outOfRange(field, "day \(day) does not exist in \(month)/\(year)")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date written in the source as a constant known to exist (such as 2016-01-01).
    init(validYear year: Int, month: Int, day: Int) {
        self.init(unchecked: year, month, day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Vietnamese calendar day that contains an instant.
    public init(containing instant: Date) {
        let seconds = Int((instant.timeIntervalSince1970).rounded(.down)) + VietnamTime.offsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (y, m, d) = CalendarDate.civil(fromDays: days)
        self.init(unchecked: y, m, d)
    }

    /// Parses `dd/MM/yyyy` (the insurer's portal and the chip) or `ddMMyyyy` (the card's QR).
    ///
    /// - Throws: ``ValidationError`` naming `field`.
    public init(parsing text: some StringProtocol, field: String = "date") throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        try TextCheck.checkNoForeignDigits(trimmed, field: field)
        let digits: String
        if trimmed.count == 10 {
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 else {
                throw ValidationError.invalidFormat(field, "expected dd/MM/yyyy")
            }
            digits = parts.joined()
        } else {
            digits = trimmed
        }
        guard digits.count == 8, digits.isASCIIDigits else {
            throw ValidationError.invalidFormat(field, "expected ddMMyyyy or dd/MM/yyyy")
        }
        let chars = Array(digits)
        let day = Int(String(chars[0..<2])) ?? 0
        let month = Int(String(chars[2..<4])) ?? 0
        let year = Int(String(chars[4..<8])) ?? 0
        try self.init(year: year, month: month, day: day, field: field)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int { CalendarDate.days(fromCivil: year, month, day) }

    /// The date `days` later (or earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        let (y, m, d) = CalendarDate.civil(fromDays: daysSinceEpoch + days)
        return CalendarDate(unchecked: y, m, d)
    }

    /// Whole days from this date to another (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The first instant of this day in Vietnam (00:00 at UTC+7).
    public var startInstant: Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch * 86_400 - VietnamTime.offsetSeconds))
    }

    /// The first instant of the next day: the exclusive end of this day.
    public var endInstant: Date { adding(days: 1).startInstant }

    /// `dd/MM/yyyy`, as the portal and the chip write it.
    public var slashed: String { "\(Self.pad(day))/\(Self.pad(month))/\(Self.pad(year, width: 4))" }

    /// `yyyyMMdd`, as the claims XML writes a date.
    public var compact: String { "\(Self.pad(year, width: 4))\(Self.pad(month))\(Self.pad(day))" }

    /// ISO 8601 `yyyy-MM-dd`.
    public var description: String { "\(Self.pad(year, width: 4))-\(Self.pad(month))-\(Self.pad(day))" }

    /// Orders in calendar order.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Encodes as ISO 8601 `yyyy-MM-dd`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes ISO 8601 `yyyy-MM-dd`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected yyyy-MM-dd")
        }
        try self.init(year: y, month: m, day: d)
    }

    static func pad(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Days-from-civil and its inverse: the proleptic Gregorian calendar in integer arithmetic.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
