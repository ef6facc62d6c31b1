import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Testing

/// Each read of the SQLite store is audited as the reference store audits it: the same action,
/// record, patient and masked detail, for a record found, a record missed and a patient's list.
@Suite("The SQLite store audits its reads as the reference store does")
struct SQLiteStoreReadAuditTests {
    /// What a read event states, without its time and place in the chain.
    struct Read: Hashable, CustomStringConvertible {
        let action: AuditEvent.Action
        let kind: AuditEvent.RecordKind?
        let record: UUID?
        let patient: PatientID?
        let detail: String?

        var description: String { "\(action) \(kind.map(\.rawValue) ?? "-") \(detail ?? "")" }
    }

    /// The reads of `store` after its records were committed, one per read made.
    static func reads(of store: some RecordStore) async throws -> [Read] {
        let access = Access(by: try RecordSamples.staff(), purpose: "check-in")
        var changes = ChangeSet(access)
        // The samples as never stored before, linked to no record the store lacks.
        var patient = try RecordSamples.patient()
        var coverage = try RecordSamples.coverage()
        var visit = try RecordSamples.visit()
        (patient.version, coverage.version, visit.version) = (0, 0, 0)
        patient.mergedInto = nil
        coverage.replaces = nil
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        try await store.commit(changes)
        let written = try await store.auditEvents(after: 0, limit: 1000).count
        _ = try await store.patient(RecordSamples.patientID, for: access)
        _ = try await store.patient(PatientID(), for: access)
        _ = try await store.coverages(ofPatient: RecordSamples.patientID, for: access)
        _ = try await store.visit(RecordSamples.visitID, for: access)
        _ = try await store.visit(VisitID(), for: access)
        _ = try await store.visits(ofPatient: RecordSamples.patientID, for: access)
        _ = try await store.visits(ofPatient: PatientID(), for: access)
        return try await store.auditEvents(after: Int64(written), limit: 1000).map {
            Read(action: $0.action, kind: $0.recordKind, record: $0.recordID, patient: $0.patientID, detail: $0.detail)
        }
    }

    @Test func readsAreAuditedAsTheReferenceStoreAuditsThem() async throws {
        let folder = try TemporaryFolder()
        let sqlite = try await Self.reads(of: try SQLiteStore(path: folder.path("reads.sqlite"), logger: quietLogger))
        let reference = try await Self.reads(of: InMemoryStore())
        #expect(sqlite.count == 7)
        #expect(sqlite.map(\.action) == [.read, .lookupMissed, .read, .read, .lookupMissed, .read, .read])
        #expect(sqlite[0].record == RecordSamples.patientID.uuid && sqlite[3].record == RecordSamples.visitID.uuid)
        #expect(sqlite.map(\.detail) == [nil, nil, "1 coverages", nil, nil, "1 visits", "0 visits"])
        // The last read asks about a patient made up for each store: its id differs.
        #expect(sqlite.dropLast() == reference.dropLast())
    }
}
