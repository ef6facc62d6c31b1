import Foundation

/// A date of birth that may be known only in part: a full date, a month and year, or a year.
///
/// Some documents carry only the birth year (older records, some foreigners), and the portal then
/// takes `yyyy` alone. The claims write an unknown month or day as zeros.
///
/// ```swift
/// print(try DateOfBirth(parsing: "01011999"))     // .full(1999-01-01)
/// print(try DateOfBirth(parsing: "01/01/1999"))   // .full(1999-01-01)
/// print(try DateOfBirth(parsing: "1999"))         // .year(1999)
/// ```
public enum DateOfBirth: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Day, month and year are known.
    case full(CalendarDate)
    /// Month and year are known.
    case monthYear(year: Int, month: Int)
    /// Only the year is known.
    case year(Int)

    /// Parses `ddMMyyyy` (QR), `dd/MM/yyyy` (chip, portal), `MM/yyyy`, `MMyyyy` or `yyyy`.
    ///
    /// - Throws: ``ValidationError`` naming `field`, with `invalidFormat`, `outOfRange`, or
    ///   `invalidCharacter` for digits of another script (fullwidth, Arabic-Indic …).
    public init(parsing text: some StringProtocol, field: String = "dateOfBirth") throws(ValidationError) {
        let value = String(text).trimmingASCIIWhitespace()
        try TextCheck.checkNoForeignDigits(value, field: field)
        switch value.utf8.count {
        case 4:
            guard value.isASCIIDigits, let year = Int(value) else {
                throw ValidationError.invalidFormat(field, "expected a year yyyy")
            }
            try Self.checkYear(year, field: field)
            self = .year(year)
        case 6, 7:
            let digits = value.replacingOccurrences(of: "/", with: "")
            guard digits.utf8.count == 6, digits.isASCIIDigits, value.utf8.count == 6 || value.dropFirst(2).first == "/"
            else {
                throw ValidationError.invalidFormat(field, "expected MM/yyyy")
            }
            let month = Int(digits.prefix(2)) ?? 0
            let year = Int(digits.suffix(4)) ?? 0
            try Self.checkYear(year, field: field)
            guard (1...12).contains(month) else {
                throw ValidationError.outOfRange(field, "month \(month) does not exist")
            }
            self = .monthYear(year: year, month: month)
        default:
            let date = try CalendarDate(parsing: value, field: field)
            try Self.checkYear(date.year, field: field)
            self = .full(date)
        }
    }

    /// The birth year, always known.
    public var year: Int {
        switch self {
        case .full(let date): return date.year
        case .monthYear(let year, _): return year
        case .year(let year): return year
        }
    }

    /// The month, when known.
    public var month: Int? {
        switch self {
        case .full(let date): return date.month
        case .monthYear(_, let month): return month
        case .year: return nil
        }
    }

    /// The day of the month, when known.
    public var day: Int? {
        if case .full(let date) = self { return date.day }
        return nil
    }

    /// The full date, when known.
    public var date: CalendarDate? {
        if case .full(let date) = self { return date }
        return nil
    }

    /// The first day the birth can have been: the date itself, or the first day of its month or
    /// year.
    public var earliestDate: CalendarDate {
        switch self {
        case .full(let date): return date
        case .monthYear(let year, let month): return CalendarDate(validYear: year, month: month, day: 1)
        case .year(let year): return CalendarDate(validYear: year, month: 1, day: 1)
        }
    }

    /// How many days after today a date may lie and still pass: one, for time zones (Vietnam is
    /// UTC+7, ahead of a server kept in UTC).
    public static let toleranceDays = 1

    /// Refuses a birth that cannot have happened yet: its ``earliestDate`` is after `today`
    /// (with ``toleranceDays`` of tolerance).
    ///
    /// - Throws: ``ValidationError`` (`outOfRange`) naming `field`.
    public func checkNotAfter(_ today: CalendarDate, field: String = "dateOfBirth") throws(ValidationError) {
        guard earliestDate <= today.adding(days: Self.toleranceDays) else {
            throw ValidationError.outOfRange(field, "the birth date \(self) is in the future")
        }
    }

    /// The form the insurer's portal takes: `dd/MM/yyyy`, or `yyyy` when the day is not known.
    public var portalText: String {
        if case .full(let date) = self { return date.slashed }
        return CalendarDate.pad(year, width: 4)
    }

    /// The claims form `NGAY_SINH`: `yyyyMMdd0000`, zeros for what is unknown (`yyyy00000000`).
    public var claimsText: String {
        CalendarDate.pad(year, width: 4) + CalendarDate.pad(month ?? 0) + CalendarDate.pad(day ?? 0) + "0000"
    }

    /// The age in whole years on a day (for a partial date, the youngest the person can be).
    public func age(on day: CalendarDate) -> Int {
        let birthMonth = month ?? 12
        let birthDay = self.day ?? CalendarDate.daysIn(month: birthMonth, year: year)
        let hadBirthday = (day.month, day.day) >= (birthMonth, birthDay)
        return day.year - year - (hadBirthday ? 0 : 1)
    }

    /// True when both could be the same birth date (a year-only date matches any date that year).
    public func isCompatible(with other: DateOfBirth) -> Bool {
        guard year == other.year else { return false }
        if let month, let otherMonth = other.month, month != otherMonth { return false }
        if let day, let otherDay = other.day, day != otherDay { return false }
        return true
    }

    /// ISO-like text: `1999-01-01`, `1999-01` or `1999`.
    public var description: String {
        switch self {
        case .full(let date): return date.description
        case .monthYear(let year, let month): return "\(CalendarDate.pad(year, width: 4))-\(CalendarDate.pad(month))"
        case .year(let year): return CalendarDate.pad(year, width: 4)
        }
    }

    /// Encodes as `yyyy-MM-dd`, `yyyy-MM` or `yyyy`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `yyyy-MM-dd`, `yyyy-MM` or `yyyy`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let parts = try container.decode(String.self).split(separator: "-").map { Int($0) }
        switch parts.count {
        case 1 where parts[0] != nil:
            self = .year(parts[0] ?? 0)
        case 2 where parts[0] != nil && parts[1] != nil:
            self = .monthYear(year: parts[0] ?? 0, month: parts[1] ?? 0)
        case 3 where parts[0] != nil && parts[1] != nil && parts[2] != nil:
            self = .full(try CalendarDate(year: parts[0] ?? 0, month: parts[1] ?? 0, day: parts[2] ?? 0))
        default:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected yyyy[-MM[-dd]]")
        }
    }

    private static func checkYear(_ year: Int, field: String) throws(ValidationError) {
        guard (1850...2399).contains(year) else {
            throw ValidationError.outOfRange(field, "birth year \(year) is out of range")
        }
    }
}
