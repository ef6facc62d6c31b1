import ChipChart
import ChipChartSQLite
import Foundation
import TestSupport
import Testing

@Suite("clinic-day's calendar, with other programs writing to the file, run as built")
struct ClinicDayCalendarTests {
    /// `records` between two mornings writes audit events in real time: the next morning is
    /// still the day after the last simulated one, and its ward round bills only the nights the
    /// simulation lived through.
    @Test func anotherProgramBetweenTwoMorningsDoesNotMoveTheClinicsCalendar() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("clinic.sqlite").path
        // Seed 7: the first morning admits a few patients to a ward.
        let arguments = [
            "--population", "300", "--check-ins", "120", "--desks", "2", "--seed", "7", "--db", database, "--quiet",
        ]
        let clinicDay = try BuiltExecutable("clinic-day")

        let first = try await clinicDay.runInBackground(arguments, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("Clinic day 02/03/2026"), "\(first.standardOutput)")
        let other = try await RecordsCommandTests.records(
            [
                "claims", "--from", "2026-03-02", "--to", "2026-03-02", "--out", "between.xml", "--db", "clinic.sqlite",
                "--staff", "Nguyễn Thị Kế Toán|001185000011",
            ],
            in: folder
        )
        #expect(other.status == 0, "\(other.standardError)")

        let second = try await clinicDay.runInBackground(arguments, in: folder)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("Clinic day 03/03/2026"), "\(second.standardOutput)")
        let visits = try await ClinicDayCommandTests.visits(in: try SQLiteStore(path: database))
        let firstDay = try CalendarDate(year: 2026, month: 3, day: 2)
        #expect(visits.contains { $0.kind == .inpatient && CalendarDate(containing: $0.admittedAt) == firstDay })
        for stay in visits where stay.kind == .inpatient {
            let admitted = CalendarDate(containing: stay.admittedAt)
            #expect(admitted <= (try CalendarDate(year: 2026, month: 3, day: 3)), "\(stay.key)")
            guard let discharged = stay.dischargedAt.map(CalendarDate.init(containing:)) else { continue }
            #expect(admitted.days(until: discharged) <= 1, "\(stay.key): one night at most since 02/03/2026")
        }
    }
}
