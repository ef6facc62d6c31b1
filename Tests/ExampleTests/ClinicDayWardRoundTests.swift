import ChipChart
import ChipChartSQLite
import Foundation
import TestSupport
import Testing

@Suite("clinic-day's ward round, run as built")
struct ClinicDayWardRoundTests {
    /// The longest planned stay, in nights.
    static let longestStay = 3
    /// The mornings run: every stay of the first two has ended by the last (a small morning may
    /// admit no one).
    static let mornings = longestStay + 2

    @Test func staysAdmittedOnOneDayAreDischargedOnALaterDayAndClaimedThen() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("clinic.sqlite").path
        let arguments = ["--population", "300", "--check-ins", "120", "--desks", "2", "--db", database, "--quiet"]
        var sentHome = 0
        var lastMorning = ""
        for _ in 0..<Self.mornings {
            let morning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
            #expect(morning.status == 0, "\(morning.standardError)")
            lastMorning = morning.standardOutput
            sentHome += try #require(ClinicDayCommandTests.number(after: "ward round: ", in: lastMorning))
        }
        let visits = try await ClinicDayCommandTests.visits(in: try SQLiteStore(path: database))
        let firstDay = try CalendarDate(year: 2026, month: 3, day: 2)
        let lastDay = firstDay.adding(days: Self.mornings - 1)
        func day(_ instant: Date) -> CalendarDate { CalendarDate(containing: instant) }

        // Every stay admitted three nights or more before the last morning has been sent home by
        // the ward round of a later morning, through the chart, after one to three nights.
        let stays = visits.filter { $0.kind == .inpatient }
        let due = stays.filter { day($0.admittedAt).days(until: lastDay) >= Self.longestStay }
        #expect(!due.isEmpty, "\(lastMorning)")
        #expect(due.allSatisfy { $0.status == .closed })
        let sentHomeLater = stays.filter { stay in stay.dischargedAt.map { day($0) > day(stay.admittedAt) } ?? false }
        #expect(sentHomeLater.count == sentHome)
        for stay in sentHomeLater {
            let nights = day(stay.admittedAt).days(until: day(stay.dischargedAt ?? stay.admittedAt))
            #expect((1...Self.longestStay).contains(nights), "\(stay.key): \(nights) nights")
            #expect(stay.chart.discharge?.author.personalID.digits == "001080000010", "the ward's doctor")
            #expect(stay.mainDiagnosis != nil && stay.status == .closed)
        }

        // The last day's file claims that day's closed insured visits and the insured stays its
        // round sent home; what is still open is a stay in a ward.
        let claimable = visits.filter { $0.status == .closed && !$0.appliedCoverages.isEmpty }
        let claimed = claimable.filter { visit in
            day(visit.admittedAt) == lastDay
                || (visit.dischargedAt.map(day) == lastDay && day(visit.admittedAt) < lastDay)
        }
        #expect(ClinicDayCommandTests.number(after: "claims: ", in: lastMorning) == claimed.count, "\(lastMorning)")
        let open = visits.filter { $0.status == .open }
        #expect(open.allSatisfy { $0.kind == .inpatient })
        let admitted = try #require(ClinicDayCommandTests.number(after: "discharge), ", in: lastMorning))
        let stillInWard = try #require(ClinicDayCommandTests.number(after: "sent home, ", in: lastMorning))
        #expect(open.count == admitted + stillInWard, "\(lastMorning)")
    }
}
