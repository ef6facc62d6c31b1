public import Foundation

extension ChangeSet {
    /// The audit events a commit of this set writes: one per record, `create` for a new record
    /// and `update` for a new version, with the version written in the detail; then the
    /// ``notes``.
    ///
    /// Every backend writes exactly these, in this order (patients, coverages, visits, notes).
    public func auditDrafts(at instant: Date) -> [AuditEvent.Draft] {
        func draft(_ kind: AuditEvent.RecordKind, _ id: UUID, _ patient: PatientID, _ version: Int) -> AuditEvent.Draft
        {
            AuditEvent.Draft(
                at: instant,
                staff: access.staff,
                action: version == 0 ? .create : .update,
                recordKind: kind,
                recordID: id,
                patientID: patient,
                purpose: access.purpose,
                detail: "version \(version + 1)"
            )
        }
        return patients.map { draft(.patient, $0.id.uuid, $0.id, $0.version) }
            + coverages.map { draft(.coverage, $0.id.uuid, $0.patientID, $0.version) }
            + visits.map { draft(.visit, $0.id.uuid, $0.patientID, $0.version) }
            + notes.map { $0.draft(at: instant, by: access) }
    }

    /// Checks what can be checked without the store: no identifier active twice in the set, no
    /// negative version.
    ///
    /// - Throws: ``StoreError`` (`invalidChangeSet`).
    public func checkInternalConsistency() throws(StoreError) {
        guard patients.allSatisfy({ $0.version >= 0 }) else {
            throw StoreError(.invalidChangeSet, "a patient has a negative version", recordKind: .patient)
        }
        try patients.checkNoIdentifierActiveTwice(
            .invalidChangeSet,
            "the same identifier is active twice in one change set"
        )
        guard coverages.allSatisfy({ $0.version >= 0 }), visits.allSatisfy({ $0.version >= 0 }) else {
            throw StoreError(.invalidChangeSet, "a record has a negative version")
        }
    }

    /// The records written with their versions bumped, as a receipt with the given events.
    public func receipt(with events: [AuditEvent]) -> CommitReceipt {
        CommitReceipt(
            patients: patients.map {
                var p = $0
                p.version += 1
                return p
            },
            coverages: coverages.map {
                var c = $0
                c.version += 1
                return c
            },
            visits: visits.map {
                var v = $0
                v.version += 1
                return v
            },
            auditEvents: events
        )
    }
}

extension Sequence<Patient> {
    /// Checks that no identifier is active twice among these patients (in two of them, or twice
    /// in one): what no store may hold.
    ///
    /// - Throws: ``StoreError`` with `code` and `message`, naming the first such identifier.
    package func checkNoIdentifierActiveTwice(_ code: StoreError.Code, _ message: String) throws(StoreError) {
        var seen: Set<PatientIdentifier.Key> = []
        for patient in self {
            for identifier in patient.identifiers where identifier.status == .active {
                guard seen.insert(identifier.key).inserted else {
                    throw StoreError(code, message, recordKind: .patient, identifier: identifier.key)
                }
            }
        }
    }
}
