import ChipChart
import Foundation

// Every field of every record survives a write and a read; records move between patients.
extension RecordStoreConformance {
    static func patientRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        var patient = try samplePatient()
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-000123"))
        patient.demographics.dateOfBirth = .monthYear(year: 1999, month: 1)
        let stored = try await register(patient, in: store)
        try check.expect(stored.version == 1, "a new patient is stored at version 1, got \(stored.version)")
        let read = try check.unwrap(try await store.patient(patient.id, for: access()), "the patient reads back")
        var expected = patient
        expected.version = 1
        try check.expect(read == expected, "the patient reads back field for field")
    }

    static func coverageRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        var old = try sampleCoverage(for: patient)
        var new = try sampleCoverage(for: patient, code: "HT3010123456789")
        old.status = .replaced
        old.replacedBy = new.id
        old.validity = old.validity.closed(before: try CalendarDate(year: 2026, month: 6, day: 1))
        new.replaces = old.id
        new.verification = .unverified
        try await commit([patient], [old, new], [], to: store)
        let read = try await store.coverages(ofPatient: patient.id, for: access())
        old.version = 1
        new.version = 1
        try check.expect(read.count == 2, "both coverages read back, got \(read.count)")
        try check.expect(Set(read) == Set([old, new]), "the coverages read back field for field, links included")
    }

    static func visitRoundTrip(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var visit = try sampleVisit(for: patient, coverage: coverage)
        try await commit([patient], [coverage], [visit], to: store)
        visit.version = 1
        let read = try check.unwrap(try await store.visit(visit.id, for: access()), "the visit reads back")
        try check.expect(read == visit, "the visit reads back field for field (money, quantities, instants)")
        let listed = try await store.visits(ofPatient: patient.id, for: access())
        try check.expect(listed == [visit], "the patient's visits list it")
    }

    static func missingRecordsReadAsNil(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try await store.patient(PatientID(), for: access())
        let visit = try await store.visit(VisitID(), for: access())
        let coverages = try await store.coverages(ofPatient: PatientID(), for: access())
        try check.expect(patient == nil && visit == nil && coverages.isEmpty, "unknown ids read as nothing")
    }

    static func recordsMoveToAnotherPatient(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let from = try samplePatient()
        let to = try samplePatient("079201000002")
        var coverage = try sampleCoverage(for: from)
        var visit = try sampleVisit(for: from, coverage: coverage)
        try await commit([from, to], [coverage], [visit], to: store)
        coverage.version = 1
        visit.version = 1
        coverage.patientID = to.id
        visit.patientID = to.id
        var move = ChangeSet(try access("merge"))
        move.save(coverage)
        move.save(visit)
        try await store.commit(move)
        let fromVisits = try await store.visits(ofPatient: from.id, for: access())
        let fromCoverages = try await store.coverages(ofPatient: from.id, for: access())
        let toVisits = try await store.visits(ofPatient: to.id, for: access())
        let toCoverages = try await store.coverages(ofPatient: to.id, for: access())
        try check.expect(fromVisits.isEmpty && fromCoverages.isEmpty, "moved records leave the first patient's lists")
        try check.expect(toVisits.map(\.id) == [visit.id], "a moved visit lists under its new patient")
        try check.expect(toCoverages.map(\.id) == [coverage.id], "a moved coverage lists under its new patient")
    }
}
