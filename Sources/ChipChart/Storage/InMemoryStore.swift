public import Foundation

/// A complete ``RecordStore`` held in memory: for tests, demos and short-lived tools.
///
/// It keeps the whole contract — atomic change sets, optimistic versions, unique active
/// identifiers, audited reads and a hash-chained audit trail — in an actor, so it is safe from
/// any number of tasks. Nothing survives the process; use `SQLiteStore` for that.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let store = InMemoryStore()
/// try await store.commit(changes)
/// let found = await store.patient(identifiedBy: .personalID(id), for: access)
/// ```
public actor InMemoryStore: RecordStore {
    var patients: [PatientID: Patient] = [:]
    var coverages: [CoverageID: Coverage] = [:]
    var visits: [VisitID: Visit] = [:]
    var coveragesByPatient: [PatientID: [CoverageID]] = [:]
    var visitsByPatient: [PatientID: [VisitID]] = [:]
    var activeHolders: [PatientIdentifier.Key: PatientID] = [:]
    var anyHolders: [PatientIdentifier.Key: [PatientID]] = [:]
    var trail: [AuditEvent] = []
    let now: @Sendable () -> Date

    /// An empty store; `now` stamps audit events (inject a clock in tests).
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Files a record under its patient in a by-patient index, moving it from the patient it was
    /// filed under before (a record moved by a merge).
    private static func file<ID: Equatable>(
        _ id: ID,
        from previous: PatientID?,
        to patient: PatientID,
        in index: inout [PatientID: [ID]]
    ) {
        guard previous != patient else { return }
        if let previous { index[previous]?.removeAll { $0 == id } }
        index[patient, default: []].append(id)
    }

    /// Writes a change set atomically: every check runs before anything is changed.
    @discardableResult
    public func commit(_ changes: ChangeSet) throws -> CommitReceipt {
        try changes.checkInternalConsistency()
        try checkVersions(changes)
        try checkReferences(changes)
        try checkIdentifiers(changes)
        try checkOpenVisits(changes)

        let receipt = changes.receipt(with: [])
        for patient in receipt.patients {
            if let old = patients[patient.id] {
                for identifier in old.identifiers where activeHolders[identifier.key] == patient.id {
                    activeHolders[identifier.key] = nil
                }
            }
            patients[patient.id] = patient
            for identifier in patient.identifiers {
                if identifier.status == .active { activeHolders[identifier.key] = patient.id }
                if anyHolders[identifier.key]?.contains(patient.id) != true {
                    anyHolders[identifier.key, default: []].append(patient.id)
                }
            }
        }
        for coverage in receipt.coverages {
            Self.file(
                coverage.id,
                from: coverages[coverage.id]?.patientID,
                to: coverage.patientID,
                in: &coveragesByPatient
            )
            coverages[coverage.id] = coverage
        }
        for visit in receipt.visits {
            Self.file(visit.id, from: visits[visit.id]?.patientID, to: visit.patientID, in: &visitsByPatient)
            visits[visit.id] = visit
        }
        let events = append(changes.auditDrafts(at: now()))
        return CommitReceipt(
            patients: receipt.patients,
            coverages: receipt.coverages,
            visits: receipt.visits,
            auditEvents: events
        )
    }

    /// The patient with this id, audited.
    public func patient(_ id: PatientID, for access: Access) -> Patient? {
        let found = patients[id]
        audit(access, found.map { ($0.id.uuid, $0.id) }, kind: .patient, detail: nil)
        return found
    }

    /// The holder of an identifier: active first, else the latest superseded or merged holder.
    public func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) -> Patient? {
        let holder = activeHolders[key] ?? anyHolders[key]?.last
        let found = holder.flatMap { patients[$0] }
        audit(access, found.map { ($0.id.uuid, $0.id) }, kind: .patient, detail: key.description)
        return found
    }

    /// Patients whose folded name starts with the folded prefix, by folded name.
    public func patients(namePrefix: String, bornIn birthYear: Int?, limit: Int, for access: Access) -> [Patient] {
        let prefix = PersonName.fold(namePrefix)
        let found = patients.values
            .filter { $0.demographics.name.searchKey.hasPrefix(prefix) }
            .filter { birthYear == nil || $0.demographics.dateOfBirth.year == birthYear }
            .sorted {
                ($0.demographics.name.searchKey, $0.id.description) < (
                    $1.demographics.name.searchKey, $1.id.description
                )
            }
            .prefix(max(0, limit))
        let draft = AuditEvent.Draft(
            at: now(),
            staff: access.staff,
            action: .search,
            recordKind: .patient,
            purpose: access.purpose,
            detail: "\(found.count) found"
        )
        _ = append([draft])
        return Array(found)
    }

    /// A patient's coverages in the order they were first stored.
    public func coverages(ofPatient id: PatientID, for access: Access) -> [Coverage] {
        let found = (coveragesByPatient[id] ?? []).compactMap { coverages[$0] }
        audit(access, (nil, id), kind: .coverage, detail: "\(found.count) coverages")
        return found
    }

    /// The visit with this id, audited.
    public func visit(_ id: VisitID, for access: Access) -> Visit? {
        let found = visits[id]
        audit(access, found.map { ($0.id.uuid, $0.patientID) }, kind: .visit, detail: nil)
        return found
    }

    /// A patient's visits by admission time.
    public func visits(ofPatient id: PatientID, for access: Access) -> [Visit] {
        let found = (visitsByPatient[id] ?? []).compactMap { visits[$0] }.sorted { $0.admittedAt < $1.admittedAt }
        audit(access, (nil, id), kind: .visit, detail: "\(found.count) visits")
        return found
    }

    /// Audit events after a sequence number.
    public func auditEvents(after sequence: Int64, limit: Int) -> [AuditEvent] {
        let start = Int(max(0, min(sequence, Int64(trail.count))))
        return Array(trail[start..<min(trail.count, start + max(0, limit))])
    }

    // MARK: - Checks, all before any change

    private func checkVersions(_ changes: ChangeSet) throws(StoreError) {
        for patient in changes.patients {
            try StoreError.checkVersion(patient.version, stored: patients[patient.id]?.version, kind: .patient)
        }
        for coverage in changes.coverages {
            try StoreError.checkVersion(coverage.version, stored: coverages[coverage.id]?.version, kind: .coverage)
        }
        for visit in changes.visits {
            try StoreError.checkVersion(visit.version, stored: visits[visit.id]?.version, kind: .visit)
        }
    }

    private func checkReferences(_ changes: ChangeSet) throws(StoreError) {
        let patientsInSet = Set(changes.patients.map(\.id))
        let coveragesInSet = Set(changes.coverages.map(\.id))
        func patientExists(_ id: PatientID) -> Bool { patientsInSet.contains(id) || patients[id] != nil }
        func coverageExists(_ id: CoverageID) -> Bool { coveragesInSet.contains(id) || coverages[id] != nil }
        for patient in changes.patients {
            if let survivor = patient.mergedInto, !patientExists(survivor) {
                throw StoreError(.missingRecord, "the patient it was merged into does not exist", recordKind: .patient)
            }
        }
        for coverage in changes.coverages {
            guard patientExists(coverage.patientID) else {
                throw StoreError(.missingRecord, "the coverage's patient does not exist", recordKind: .coverage)
            }
            for linked in [coverage.replaces, coverage.replacedBy].compactMap({ $0 }) where !coverageExists(linked) {
                throw StoreError(.missingRecord, "a coverage it is linked to does not exist", recordKind: .coverage)
            }
        }
        for visit in changes.visits {
            guard patientExists(visit.patientID) else {
                throw StoreError(.missingRecord, "the visit's patient does not exist", recordKind: .visit)
            }
            for applied in visit.appliedCoverages where !coverageExists(applied.coverageID) {
                throw StoreError(.missingRecord, "a coverage applied to the visit does not exist", recordKind: .visit)
            }
        }
    }

    private func checkIdentifiers(_ changes: ChangeSet) throws(StoreError) {
        let patientsInSet = Set(changes.patients.map(\.id))
        for patient in changes.patients {
            for identifier in patient.identifiers where identifier.status == .active {
                if let holder = activeHolders[identifier.key], holder != patient.id {
                    // The holder may give the identifier up in this same set.
                    let released =
                        patientsInSet.contains(holder)
                        && changes.patients.first(where: { $0.id == holder })?.identifiers.contains {
                            $0.key == identifier.key && $0.status == .active
                        } == false
                    if !released {
                        throw StoreError(
                            .duplicateIdentifier,
                            "another patient already holds this active identifier",
                            recordKind: .patient,
                            identifier: identifier.key
                        )
                    }
                }
            }
        }
    }

    /// One open visit per patient, facility and kind, judged on the state after the set.
    private func checkOpenVisits(_ changes: ChangeSet) throws(StoreError) {
        let visitsInSet = Dictionary(changes.visits.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        var patientsTouched: Set<PatientID> = []
        for visit in changes.visits where visit.openSlot != nil { patientsTouched.insert(visit.patientID) }
        for patient in patientsTouched {
            var held: Set<String> = []
            let stored = (visitsByPatient[patient] ?? []).compactMap { visits[$0] }.filter { visitsInSet[$0.id] == nil }
            let inSet = changes.visits.filter { $0.patientID == patient }
            for visit in stored + inSet {
                guard let slot = visit.openSlot else { continue }
                guard held.insert(slot).inserted else {
                    throw StoreError(
                        .openVisitExists,
                        "the patient already has an open visit in this slot (facility, kind and, for an outpatient visit, day)",
                        recordKind: .visit
                    )
                }
            }
        }
    }

    // MARK: - Audit

    func append(_ drafts: [AuditEvent.Draft]) -> [AuditEvent] {
        var written: [AuditEvent] = []
        for draft in drafts {
            let event = draft.sealed(after: trail.last)
            trail.append(event)
            written.append(event)
        }
        return written
    }

    private func audit(
        _ access: Access,
        _ subject: (record: UUID?, patient: PatientID)?,
        kind: AuditEvent.RecordKind,
        detail: String?
    ) {
        let draft = AuditEvent.Draft.read(at: now(), by: access, found: subject, kind: kind, detail: detail)
        _ = append([draft])
    }
}
