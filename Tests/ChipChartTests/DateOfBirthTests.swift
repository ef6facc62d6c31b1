import ChipChart
import Foundation
import Testing

@Suite("DateOfBirth and CalendarDate")
struct DateOfBirthTests {
    @Test(arguments: [
        ("01011999", "1999-01-01"), ("01/01/1999", "1999-01-01"), ("1999", "1999"), ("01/1999", "1999-01"),
        ("011999", "1999-01"), ("29022000", "2000-02-29"), (" 15042021\r\n", "2021-04-15"),
    ])
    func parsesEveryForm(_ text: String, _ iso: String) throws {
        #expect(try DateOfBirth(parsing: text).description == iso)
    }

    @Test(arguments: ["29021900", "31042001", "00012000", "01132000", "1/1/1999", "abcd", "", "01-01-1999", "1849"])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect {
            try DateOfBirth(parsing: text)
        } throws: { ($0 as? ValidationError)?.field == "dateOfBirth" }
    }

    @Test func partialDatesKeepWhatIsKnown() throws {
        let yearOnly = try DateOfBirth(parsing: "1950")
        #expect(yearOnly.portalText == "1950")
        #expect(yearOnly.claimsText == "195000000000")
        #expect(yearOnly.isCompatible(with: try DateOfBirth(parsing: "03/07/1950")))
        #expect(!yearOnly.isCompatible(with: try DateOfBirth(parsing: "1951")))
        let full = try DateOfBirth(parsing: "01011999")
        #expect(full.portalText == "01/01/1999")
        #expect(full.claimsText == "199901010000")
        #expect(full.age(on: try CalendarDate(year: 2025, month: 1, day: 1)) == 26)
        #expect(full.age(on: try CalendarDate(year: 2024, month: 12, day: 31)) == 25)
    }

    @Test func calendarDatesMapToVietnamDays() throws {
        let day = try CalendarDate(year: 2026, month: 3, day: 2)
        // 00:00 in Vietnam is 17:00 UTC the day before.
        #expect(day.startInstant.timeIntervalSince1970 == 1_772_384_400)
        #expect(CalendarDate(containing: day.startInstant) == day)
        #expect(CalendarDate(containing: day.startInstant.addingTimeInterval(-1)) == day.adding(days: -1))
        #expect(VietnamTime.claimsTimestamp(day.startInstant.addingTimeInterval(7 * 3600 + 5 * 60)) == "202603020705")
        #expect(day.slashed == "02/03/2026" && day.compact == "20260302")
        #expect(try CalendarDate(parsing: "02/03/2026") == day)
    }

    @Test(arguments: [-700_000, -1, 0, 59, 60, 365, 10_957, 20_000, 2_000_000])
    func dayArithmeticRoundTrips(_ days: Int) throws {
        let epoch = try CalendarDate(year: 1970, month: 1, day: 1)
        let date = epoch.adding(days: days)
        #expect(date.daysSinceEpoch == days)
        #expect(epoch.days(until: date) == days)
        #expect(try CalendarDate(year: date.year, month: date.month, day: date.day) == date)
    }

    @Test func periodsAreInclusiveAndCloseBeforeADay() throws {
        let period = try DatePeriod(
            start: try CalendarDate(year: 2026, month: 1, day: 1),
            end: try CalendarDate(year: 2026, month: 12, day: 31)
        )
        #expect(period.contains(try CalendarDate(year: 2026, month: 12, day: 31)))
        #expect(!period.contains(try CalendarDate(year: 2027, month: 1, day: 1)))
        let closed = period.closed(before: try CalendarDate(year: 2026, month: 6, day: 1))
        #expect(closed.end == (try CalendarDate(year: 2026, month: 5, day: 31)))
        #expect(throws: ValidationError.self) {
            try DatePeriod(
                start: try CalendarDate(year: 2026, month: 2, day: 1),
                end: try CalendarDate(year: 2026, month: 1, day: 1)
            )
        }
    }
}
