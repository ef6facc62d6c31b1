import ChipChart
import Foundation

// Change sets of audit notes alone: what keeps a record of its own in the trail (an upload's
// receipt, an emergency access) without a table of its own.
extension RecordStoreConformance {
    static func notesAloneAreKeptAsTheyWere(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        let visit = try sampleVisit(for: patient, coverage: coverage)
        var records = ChangeSet(try access("check-in"))
        records.save(patient)
        records.save(coverage)
        records.save(visit)
        try await store.commit(records)
        let action = AuditEvent.Action("conformanceNote")
        let details = [
            #"{"key":"\#(visit.key)","message":"Hồ sơ đã tiếp nhận \"ok\"\n","text":"\#(String(repeating: "x", count: 600))"}"#,
            #"{"key":"\#(visit.key)","result":"125"}"#,
        ]
        var notes = ChangeSet(try access("claims upload"))
        for detail in details {
            notes.note(
                AuditNote(action, recordKind: .visit, recordID: visit.id.uuid, patientID: patient.id, detail: detail)
            )
        }
        let receipt = try await store.commit(notes)
        try check.expect(
            receipt.auditEvents.filter { $0.action == action }.map(\.detail) == details,
            "a change set of notes alone writes one event per note, in order"
        )
        let read = try await store.auditEvents(after: 0, limit: 1000).filter { $0.action == action }
        try check.expect(read.map(\.detail) == details, "each note's detail reads back byte for byte")
        try check.expect(
            read.allSatisfy {
                $0.recordKind == .visit && $0.recordID == visit.id.uuid && $0.patientID == patient.id
                    && $0.purpose == "claims upload" && $0.staff == (try? staff())
            },
            "each note keeps its visit, patient, staff member and purpose"
        )
        try check.expect(try await store.verifyAuditTrail().isIntact, "the chain holds after notes")
    }
}
