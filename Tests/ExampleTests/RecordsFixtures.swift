import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation

/// Records and archives for the `records` tests that need more than the four sample patients.
enum RecordsFixtures {
    static func staff() throws -> Staff {
        Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"), role: .receptionist)
    }

    /// The people desks check in, made once.
    static let people: [SyntheticPopulation.Person] = (try? SyntheticPopulation(seed: 5).people(count: 2000)) ?? []

    /// A patient with their personal ID, a coverage and a closed visit, as a desk checks them in
    /// (`index` below 2,000).
    static func checkIn(_ index: Int, seed: UInt64 = 5) throws -> (Patient, Coverage, Visit) {
        let person = people[index % people.count]
        var patient = Patient(
            demographics: Demographics(
                name: person.reading.name,
                dateOfBirth: person.reading.dateOfBirth,
                sex: person.reading.sex,
                address: person.reading.address
            )
        )
        patient.addIdentifier(.personalID(person.personalID))
        let admitted = Date(timeIntervalSince1970: 1_772_409_600 + Double(index))
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            verification: .verified(at: admitted, by: try staff(), result: .valid)
        )
        var visit = try Visit(
            key: "01001.DESK.\(seed).\(index)",
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            admittedAt: admitted,
            diagnoses: [try ICD10Code("J06.9")],
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)]
        )
        visit.dischargedAt = admitted.addingTimeInterval(3_600)
        return (patient, coverage, visit)
    }

    /// Commits one desk's check-in to `store`.
    static func commitCheckIn(_ index: Int, seed: UInt64, to store: any RecordStore) async throws {
        let (patient, coverage, visit) = try checkIn(index, seed: seed)
        var changes = ChangeSet(Access(by: try staff(), purpose: "check-in"))
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        try await store.commit(changes)
    }

    /// An archive of `count` synthetic patients (no other records), written to `url`.
    static func writePatients(_ count: Int, to url: URL) throws {
        let people = try SyntheticPopulation(seed: 9).people(count: count)
        let patients = people.map { person in
            var patient = Patient(
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: person.reading.address
                )
            )
            patient.addIdentifier(.personalID(person.personalID))
            patient.version = 1
            return patient
        }
        try ArchiveWriter.write(ArchiveContents(patients: patients), to: url)
    }

    /// Three audit events of one chain.
    static func chain() throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        for (index, action) in [AuditEvent.Action.create, .read, .update].enumerated() {
            let draft = AuditEvent.Draft(
                at: Date(timeIntervalSince1970: 1_772_409_600 + Double(index)),
                staff: try staff(),
                action: action,
                purpose: "check-in"
            )
            events.append(draft.sealed(after: events.last))
        }
        return events
    }

    /// The paths in `folder` whose name ends with `.partial` (temporary files left behind).
    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".partial") }
    }
}
