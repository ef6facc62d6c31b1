import ChipChart
import ChipChartTesting
import Foundation

/// An insured outpatient checked in at 08:00 on 2 March 2026 in an in-memory store, a doctor, a
/// nurse and the sample catalogue.
struct ChartFixture {
    let store: InMemoryStore
    let charting: Charting
    let doctor: Staff
    let nurse: Staff
    let visit: Visit
    let checkIn: Date

    static let day = VietnamTime.components(of: Date(timeIntervalSince1970: 1_772_409_600)).date

    init() async throws {
        let checkIn = VietnamTime.instant(Self.day, hour: 8)
        let store = InMemoryStore(now: { checkIn })
        let receptionist = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        var patient = Patient(
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: try DateOfBirth(parsing: "01011999"),
                sex: .male
            )
        )
        patient.addIdentifier(.personalID(try PersonalID("001099012345")))
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            )
        )
        let visit = try Visit(
            key: "01001-20260302-0001",
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            admittedAt: checkIn,
            reason: "Sốt, ho",
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: checkIn)]
        )
        var changes = ChangeSet(Access(by: receptionist, purpose: "check-in"))
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        let receipt = try await store.commit(changes)
        self.store = store
        self.checkIn = checkIn
        self.visit = receipt.visits[0]
        self.charting = Charting(store: store, catalogue: try SampleCatalogue.load(), now: { checkIn })
        self.doctor = Staff(
            name: try PersonName("Đỗ Minh Bác Sĩ"),
            personalID: try PersonalID("001080000010"),
            role: .physician
        )
        self.nurse = Staff(
            name: try PersonName("Vũ Thị Điều Dưỡng"),
            personalID: try PersonalID("001185000030"),
            role: .nurse
        )
    }

    /// An instant of the fixture's day, Vietnam time.
    func at(_ hour: Int, _ minute: Int = 0) -> Date { VietnamTime.instant(Self.day, hour: hour, minute: minute) }

    /// The visit examined, diagnosed, with an order: ready to close.
    func examined() async throws -> Visit {
        var visit = try await charting.diagnose(
            try Diagnosis(main: try ICD10Code("J06.9")),
            on: visit,
            by: doctor,
            at: at(8, 20)
        )
        visit = try await charting.order("02.1896", on: visit, by: doctor, at: at(8, 20))
        return visit
    }
}
