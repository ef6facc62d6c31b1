public import Foundation

/// Vietnam's clock: UTC+7 all year, no daylight saving.
///
/// Every local timestamp in the standards (`yyyyMMddHHmm` in the claims, `dd/MM/yyyy` at the
/// portal) is Vietnam time. ChipChart stores instants (`Date`) and converts with this fixed offset,
/// so it needs no time-zone database.
public enum VietnamTime {
    /// Seconds east of UTC: 7 hours.
    public static let offsetSeconds = 7 * 3600

    /// The local wall-clock parts of an instant in Vietnam.
    public static func components(of instant: Date) -> (date: CalendarDate, hour: Int, minute: Int, second: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        return (CalendarDate(containing: instant), secondOfDay / 3600, (secondOfDay / 60) % 60, secondOfDay % 60)
    }

    /// The instant at a local wall-clock time in Vietnam.
    public static func instant(_ date: CalendarDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        date.startInstant.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }

    /// `yyyyMMddHHmm` in Vietnam time, as the claims XML writes a date-time.
    public static func claimsTimestamp(_ instant: Date) -> String {
        let parts = components(of: instant)
        return parts.date.compact + CalendarDate.pad(parts.hour) + CalendarDate.pad(parts.minute)
    }
}
