import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// Many desks checking the same person in at the same moment, on the in-memory store and on a
/// real SQLite file: one patient, one open visit.
///
/// What is checked is counts, never time: the limit only stops a deadlock, with room for a
/// machine busy with other tests.
@Suite("Reception: desks racing on one person", .timeLimit(.minutes(10)))
struct ReceptionRaceTests {
    enum Backend: String, CaseIterable, Sendable {
        case inMemory, sqlite
    }

    /// A clinic on one store, with an insurer that knows one person.
    struct Clinic {
        let folder: TemporaryFolder
        let clock: SimulatedClock
        let store: any RecordStore
        let portal: SimulatedInsurancePortal
        let staff: Staff
        let reading: CardReading
        let card: InsuranceCardCode

        /// A clinic; `insured: false` leaves the person unknown to the insurer, so a check-in
        /// writes nothing but its visit.
        init(_ backend: Backend, insured: Bool = true) throws {
            folder = try TemporaryFolder()
            let clock = SimulatedClock(
                start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7)
            )
            self.clock = clock
            switch backend {
            case .inMemory: store = InMemoryStore(now: { clock.now })
            case .sqlite: store = try SQLiteStore(path: folder.path("desks.sqlite"), now: { clock.now })
            }
            portal = SimulatedInsurancePortal(clock: clock)
            staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
            portal.apply(.registerStaff(staff))
            reading = CardReading(
                source: .qr,
                personalID: try PersonalID("001099012345"),
                legacyID: try LegacyIDNumber("012345678"),
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: try DateOfBirth(parsing: "01011999"),
                sex: .male,
                address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                issueDate: try CalendarDate(year: 2021, month: 4, day: 15)
            )
            card = try InsuranceCardCode("DN4010123456789")
            guard insured else { return }
            portal.apply(
                .enrol(
                    SimulatedInsurancePortal.Holder(
                        name: reading.name,
                        dateOfBirth: reading.dateOfBirth,
                        sex: reading.sex,
                        personalID: reading.personalID!
                    ),
                    SimulatedInsurancePortal.Card(
                        code: card,
                        validity: try DatePeriod(
                            start: try CalendarDate(year: 2026, month: 1, day: 1),
                            end: try CalendarDate(year: 2026, month: 12, day: 31)
                        ),
                        registeredFacility: try FacilityCode("01001")
                    )
                )
            )
        }

        func desk() throws -> Reception {
            Reception(
                store: store,
                portal: portal,
                configuration: Reception.Configuration(
                    facility: try FacilityCode("01001"),
                    // The simulator answers at once: its answer comes before this however loaded
                    // the machine, so no desk sees the insurer unreachable.
                    portalTimeout: .seconds(600),
                    maximumAttempts: 10
                ),
                now: { clock.now }
            )
        }

        /// Runs `body` at `count` desks at once and returns their receipts.
        func atDesks(
            _ count: Int,
            _ body: @escaping @Sendable (Reception) async throws -> CheckInReceipt
        ) async throws -> [CheckInReceipt] {
            let desks = try (0..<count).map { _ in try desk() }
            return try await withThrowingTaskGroup(of: CheckInReceipt.self) { group in
                for desk in desks { group.addTask { try await body(desk) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }

        var access: Access { Access(by: staff, purpose: "test") }
    }

    @Test("8 desks scan a known patient whose last visit is days old: one visit", arguments: Backend.allCases)
    func knownPatientAtEightDesks(_ backend: Backend) async throws {
        let clinic = try Clinic(backend, insured: false)
        let reading = clinic.reading
        let first = try await clinic.desk().checkIn(reading, for: VisitRequest(), by: clinic.staff)
        clinic.clock.advance(by: 3 * 86_400)
        let receipts = try await clinic.atDesks(8) { desk in
            try await desk.checkIn(reading, for: VisitRequest(), by: clinic.staff)
        }
        let visits = try await clinic.store.visits(ofPatient: first.patient.id, for: clinic.access)
        #expect(visits.count == 2, "the first visit and one new one, got \(visits.count)")
        #expect(Set(receipts.map(\.visit.id)).count == 1, "every desk shows the same visit")
        #expect(receipts.filter { !$0.isRepeatScan }.count == 1, "one desk opened it")
    }

    @Test("8 desks register a new patient by card at once: one patient, one visit", arguments: Backend.allCases)
    func newPatientAtEightDesks(_ backend: Backend) async throws {
        let clinic = try Clinic(backend)
        let reading = clinic.reading
        let receipts = try await clinic.atDesks(8) { desk in
            try await desk.checkIn(reading, for: VisitRequest(), by: clinic.staff)
        }
        #expect(Set(receipts.map(\.patient.id)).count == 1)
        #expect(Set(receipts.map(\.visit.id)).count == 1)
    }

    @Test("8 desks type one insurance card at once: one patient, one visit", arguments: Backend.allCases)
    func typedCardAtEightDesks(_ backend: Backend) async throws {
        let clinic = try Clinic(backend)
        let reading = clinic.reading
        let card = clinic.card
        let receipts = try await clinic.atDesks(8) { desk in
            try await desk.checkIn(
                typed: .insurance(.cardCode(card), name: reading.name, dateOfBirth: reading.dateOfBirth, sex: .male),
                for: VisitRequest(),
                by: clinic.staff
            )
        }
        #expect(Set(receipts.map(\.patient.id)).count == 1, "one patient record")
        #expect(Set(receipts.map(\.visit.id)).count == 1, "one visit")
        #expect(receipts.allSatisfy { !$0.warnings.map(\.code).contains(.identityDiffers) })
        let holder = try await clinic.store.patient(
            identifiedBy: .socialInsuranceNumber(card.socialInsuranceNumber),
            for: clinic.access
        )
        #expect(holder?.id == receipts.first?.patient.id)
    }
}
