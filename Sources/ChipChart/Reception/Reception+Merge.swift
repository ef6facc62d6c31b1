import Foundation
import Logging

extension Reception {
    /// Merges two records found to be one person: the duplicate's visits, coverages and
    /// identifiers move to the survivor, in one audited change set.
    ///
    /// - Returns: the merge, which ``undo(_:by:)`` can reverse while nothing has changed since.
    /// - Throws: ``StoreError`` (`missingRecord` when either record is missing, `invalidChangeSet`
    ///   when they are the same record or the duplicate is already merged).
    public func merge(_ duplicate: PatientID, into survivor: PatientID, by staff: Staff) async throws -> PatientMerge {
        let access = Access(by: staff, purpose: "merge")
        guard duplicate != survivor else {
            throw StoreError(.invalidChangeSet, "a record cannot be merged into itself", recordKind: .patient)
        }
        guard let kept = try await store.patient(survivor, for: access),
            let absorbed = try await store.patient(duplicate, for: access)
        else {
            throw StoreError(.missingRecord, "both records must exist to merge them", recordKind: .patient)
        }
        guard absorbed.mergedInto == nil, kept.mergedInto == nil else {
            throw StoreError(.invalidChangeSet, "a merged record cannot be merged again", recordKind: .patient)
        }
        let coverages = try await store.coverages(ofPatient: duplicate, for: access)
        let visits = try await store.visits(ofPatient: duplicate, for: access)

        var newSurvivor = kept
        for identifier in absorbed.identifiers where !newSurvivor.holds(identifier.key) {
            var moved = identifier
            if moved.status == .active,
                !newSurvivor.activeIdentifiers(of: moved.kind).isEmpty || moved.kind == .temporary
            {
                moved.status = .merged
            }
            newSurvivor.identifiers.append(moved)
        }
        for card in absorbed.idCards { newSurvivor.recordCard(card) }
        var newDuplicate = absorbed
        newDuplicate.identifiers = absorbed.identifiers.map {
            var identifier = $0
            identifier.status = .merged
            return identifier
        }
        newDuplicate.mergedInto = survivor

        var changes = ChangeSet(access)
        changes.save(newDuplicate)
        changes.save(newSurvivor)
        for var coverage in coverages {
            coverage.patientID = survivor
            changes.save(coverage)
        }
        for var visit in visits {
            visit.patientID = survivor
            changes.save(visit)
        }
        let receipt = try await store.commit(changes)
        let survivorCoverages = try await store.coverages(ofPatient: survivor, for: access)
        let survivorVisits = try await store.visits(ofPatient: survivor, for: access)
        var versions: [UUID: Int] = [:]
        for patient in receipt.patients { versions[patient.id.uuid] = patient.version }
        for coverage in receipt.coverages { versions[coverage.id.uuid] = coverage.version }
        for visit in receipt.visits { versions[visit.id.uuid] = visit.version }
        logger.notice("patients merged", metadata: ["survivor": "\(survivor)", "duplicate": "\(duplicate)"])
        return PatientMerge(
            survivorBefore: kept,
            duplicateBefore: absorbed,
            coveragesBefore: coverages,
            visitsBefore: visits,
            versionsAfter: versions,
            recordsAfter: Set(survivorCoverages.map(\.id.uuid) + survivorVisits.map(\.id.uuid)),
            mergedAt: now()
        )
    }

    /// Reverses a merge: both records, their coverages and visits return to how they were, as
    /// new versions.
    ///
    /// - Throws: ``StoreError`` (`versionConflict`) when any record has changed since the merge;
    ///   nothing is written then.
    public func undo(_ merge: PatientMerge, by staff: Staff) async throws {
        let access = Access(by: staff, purpose: "undo merge")
        var changes = ChangeSet(access)
        func current(_ id: UUID, _ version: Int?) throws -> Int {
            guard let version, version == merge.versionsAfter[id] else {
                throw StoreError(.versionConflict, "a record changed since the merge; it cannot be undone")
            }
            return version
        }
        for before in [merge.survivorBefore, merge.duplicateBefore] {
            var restored = before
            restored.version = try current(before.id.uuid, try await store.patient(before.id, for: access)?.version)
            changes.save(restored)
        }
        let survivorCoverages = try await store.coverages(ofPatient: merge.survivor, for: access)
        let survivorVisits = try await store.visits(ofPatient: merge.survivor, for: access)
        let holdingNow = Set(survivorCoverages.map(\.id.uuid) + survivorVisits.map(\.id.uuid))
        guard holdingNow.isSubset(of: merge.recordsAfter) else {
            throw StoreError(
                .versionConflict,
                "the merged record gained visits or coverages since the merge; it cannot be undone"
            )
        }
        for before in merge.coveragesBefore {
            var restored = before
            restored.version = try current(before.id.uuid, survivorCoverages.first { $0.id == before.id }?.version)
            changes.save(restored)
        }
        for before in merge.visitsBefore {
            var restored = before
            restored.version = try current(before.id.uuid, try await store.visit(before.id, for: access)?.version)
            changes.save(restored)
        }
        try await store.commit(changes)
        logger.notice("merge undone", metadata: ["survivor": "\(merge.survivor)", "duplicate": "\(merge.duplicate)"])
    }
}
