import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// A visit that waits for the insurer's first answer is stored as such, found again after the
/// store is reopened, and resolved when the insurer answers.
@Suite("SQLite: visits waiting for the insurer")
struct AwaitingVerificationTests {
    @Test func aWaitingVisitSurvivesAReopenAndIsResolved() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("clinic.sqlite")
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        let portal = SimulatedInsurancePortal(clock: clock)
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        portal.apply(.registerStaff(staff))
        let reading = CardReading(
            source: .qr,
            personalID: try PersonalID("001099012345"),
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: "01011999"),
            sex: .male,
            issueDate: try CalendarDate(year: 2021, month: 4, day: 15)
        )
        portal.apply(
            .enrol(
                SimulatedInsurancePortal.Holder(
                    name: reading.name,
                    dateOfBirth: reading.dateOfBirth,
                    sex: reading.sex,
                    personalID: reading.personalID!
                ),
                SimulatedInsurancePortal.Card(
                    code: try InsuranceCardCode("DN4010123456789"),
                    validity: try DatePeriod(
                        start: try CalendarDate(year: 2026, month: 1, day: 1),
                        end: try CalendarDate(year: 2026, month: 12, day: 31)
                    )
                )
            )
        )
        portal.apply(.goOffline)
        let configuration = Reception.Configuration(facility: try FacilityCode("01001"), portalTimeout: .seconds(1))
        let offline = try await Reception(
            store: try SQLiteStore(path: path, now: { clock.now }),
            portal: portal,
            configuration: configuration,
            now: { clock.now }
        ).checkIn(reading, for: VisitRequest(), by: staff)
        #expect(offline.visit.awaitsCoverageVerification)

        portal.apply(.comeOnline)
        let store = try SQLiteStore(path: path, now: { clock.now })
        let access = Access(by: staff, purpose: "test")
        let reread = try #require(try await store.visit(offline.visit.id, for: access))
        #expect(reread.awaitsCoverageVerification && reread == offline.visit)
        var queue = ReverificationQueue()
        try await queue.catchUp(with: store, for: access)
        #expect(queue.count == 1)
        let verifier = CoverageVerifier(portal: portal, timeout: .seconds(1))
        let results = await CoverageReverifier(store: store, verifier: verifier, staff: staff).run(
            &queue,
            at: clock.now
        )
        #expect(results == [.resolved(offline.visit.id, .confirmed)])
        let resolved = try #require(try await store.visit(offline.visit.id, for: access))
        #expect(!resolved.awaitsCoverageVerification && resolved.appliedCoverages.count == 1)
    }
}
