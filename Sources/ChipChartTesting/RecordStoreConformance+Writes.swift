import ChipChart
import Foundation

// Optimistic versions, references that must exist, and the audit trail.
extension RecordStoreConformance {
    static func versionConflictDetected(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let stored = try await register(try samplePatient(), in: store)
        var first = stored
        first.demographics.phone = "0900000001"
        var second = stored
        second.demographics.phone = "0900000002"
        var winning = ChangeSet(try access())
        winning.save(first)
        let receipt = try await store.commit(winning)
        try check.expect(receipt.patients.first?.version == 2, "an update bumps the version to 2")
        var losing = ChangeSet(try access())
        losing.save(second)
        try await check.expectStoreError(.versionConflict) { try await store.commit(losing) }
        var recreate = ChangeSet(try access())
        var fresh = stored
        fresh.version = 0
        recreate.save(fresh)
        try await check.expectStoreError(.versionConflict) { try await store.commit(recreate) }
        let read = try await store.patient(stored.id, for: access())
        try check.expect(
            read?.demographics.phone == "0900000001" && read?.version == 2,
            "the stale write changed nothing"
        )
        var ghost = try samplePatient("079201000009")
        ghost.version = 3
        var phantom = ChangeSet(try access())
        phantom.save(ghost)
        try await check.expectStoreError(.versionConflict) { try await store.commit(phantom) }
    }

    static func danglingReferenceRejected(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var orphan = ChangeSet(try access())
        orphan.save(coverage)
        try await check.expectStoreError(.missingRecord) { try await store.commit(orphan) }
        try await register(patient, in: store)
        let visit = try sampleVisit(for: patient, coverage: coverage)
        var unknownCoverage = ChangeSet(try access())
        unknownCoverage.save(visit)
        try await check.expectStoreError(.missingRecord) { try await store.commit(unknownCoverage) }
        let visits = try await store.visits(ofPatient: patient.id, for: access())
        try check.expect(visits.isEmpty, "a rejected visit is not written")
    }

    static func auditChainIntactAndComplete(_ store: any RecordStore, _ check: ConformanceCheck) async throws {
        let patient = try samplePatient()
        let coverage = try sampleCoverage(for: patient)
        var changes = ChangeSet(try access("check-in"))
        changes.save(patient)
        changes.save(coverage)
        let receipt = try await store.commit(changes)
        try check.expect(receipt.auditEvents.count == 2, "one audit event per record written")
        try check.expect(
            receipt.auditEvents.allSatisfy { $0.action == .create && $0.purpose == "check-in" },
            "creates carry the purpose"
        )
        _ = try await store.patient(patient.id, for: access("reading"))
        _ = try await store.patient(identifiedBy: .personalID(try PersonalID("001099099999")), for: access("miss"))
        let events = try await store.auditEvents(after: 0, limit: 100)
        try check.expect(events.count == 4, "writes and reads are audited, got \(events.count) events")
        try check.expect(events.map(\.sequence) == [1, 2, 3, 4], "sequences count from 1 without gaps")
        try check.expect(events[2].action == .read && events[2].patientID == patient.id, "a read names the patient")
        try check.expect(events[3].action == .lookupMissed && events[3].patientID == nil, "a miss is audited too")
        try check.expect(events.allSatisfy { $0.staff == (try? staff()) }, "every event names the staff member")
        try check.expect(events[0] == receipt.auditEvents[0], "the stored events equal those returned by commit")
        try check.expect(
            !events.contains { ($0.detail ?? "").contains("001099099999") },
            "audit details carry masked identifiers only"
        )
        let verification = try await store.verifyAuditTrail()
        try check.expect(verification.isIntact && verification.eventCount == 4, "the chain verifies: \(verification)")
        try check.expect(verification.lastHash == events.last?.hash, "the verifier reports the head hash")
        let page = try await store.auditEvents(after: 2, limit: 1)
        try check.expect(page.map(\.sequence) == [3], "audit events page by sequence")
    }
}
