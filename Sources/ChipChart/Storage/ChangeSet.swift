import Foundation

/// One atomic, audited write: the patients, coverages and visits to save together.
///
/// A store commits a change set entirely or not at all. Each record carries the version it was
/// read at (0 for a new record); the store rejects the whole set with
/// ``StoreError/Code/versionConflict`` if any record changed since, so no caller holds a
/// transaction open across an `await`. Saving a record twice in one set keeps the last.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var changes = ChangeSet(Access(by: staff, purpose: "check-in"))
/// changes.save(patient)
/// changes.save(coverage)
/// changes.save(visit)
/// let receipt = try await store.commit(changes)
/// ```
public struct ChangeSet: Sendable {
    /// Who writes, and why: recorded on every audit event of the commit.
    public var access: Access
    /// The patients to save, in the order first saved.
    public private(set) var patients: [Patient] = []
    /// The coverages to save, in the order first saved.
    public private(set) var coverages: [Coverage] = []
    /// The visits to save, in the order first saved.
    public private(set) var visits: [Visit] = []
    /// Audit events written after the records' (a break-the-glass access), in the order noted.
    public private(set) var notes: [AuditNote] = []

    /// An empty change set.
    public init(_ access: Access) { self.access = access }

    /// Adds a patient (replacing an earlier save of the same patient in this set).
    public mutating func save(_ patient: Patient) { Self.upsert(patient, into: &patients) }

    /// Adds a coverage (replacing an earlier save of the same coverage in this set).
    public mutating func save(_ coverage: Coverage) { Self.upsert(coverage, into: &coverages) }

    /// Adds a visit (replacing an earlier save of the same visit in this set).
    public mutating func save(_ visit: Visit) { Self.upsert(visit, into: &visits) }

    /// Adds an audit event to write with the set, under its access.
    public mutating func note(_ note: AuditNote) { notes.append(note) }

    /// True when there is nothing to write: no record and no note.
    public var isEmpty: Bool { patients.isEmpty && coverages.isEmpty && visits.isEmpty && notes.isEmpty }

    private static func upsert<Record: Identifiable>(_ record: Record, into list: inout [Record]) {
        if let index = list.firstIndex(where: { $0.id == record.id }) {
            list[index] = record
        } else {
            list.append(record)
        }
    }
}

/// What a commit wrote: each record with its new version, and the audit events.
public struct CommitReceipt: Sendable {
    /// The patients as stored.
    public var patients: [Patient]
    /// The coverages as stored.
    public var coverages: [Coverage]
    /// The visits as stored.
    public var visits: [Visit]
    /// The audit events written with the change.
    public var auditEvents: [AuditEvent]

    /// Creates a receipt.
    public init(patients: [Patient], coverages: [Coverage], visits: [Visit], auditEvents: [AuditEvent]) {
        self.patients = patients
        self.coverages = coverages
        self.visits = visits
        self.auditEvents = auditEvents
    }
}
