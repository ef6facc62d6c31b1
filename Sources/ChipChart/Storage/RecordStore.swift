import Foundation

/// The storage contract: where patients, coverages, visits and the audit trail live.
///
/// ChipChart ships three backends — ``InMemoryStore``, `SQLiteStore` (module `ChipChartSQLite`)
/// and `PostgresStore` (module `ChipChartPostgres`) — and any other can be plugged in by
/// implementing this protocol. A backend is correct when `RecordStoreConformance` (module
/// `ChipChartTesting`) passes against it:
///
/// <!-- snippet: context=StoreConformance mode=declarations -->
/// ```swift
/// import ChipChartTesting
/// import Testing
///
/// @Test(arguments: RecordStoreConformance.cases)
/// func conformance(_ check: RecordStoreConformance.Case) async throws {
///     try await check.run { try MyStore(temporary: true) }
/// }
/// ```
///
/// ## The contract
///
/// - **Atomic writes.** ``commit(_:)`` writes a whole ``ChangeSet`` or nothing. When it returns,
///   the change is durable as the backend promises (a file store: on disk).
/// - **Optimistic versions.** Each record in a change set carries the version it was read at
///   (0 for new). If the stored version differs, or a "new" record already exists, the whole set
///   is rejected with ``StoreError/Code/versionConflict``. The stored version becomes `version + 1`.
/// - **Unique active identifiers.** No two patients hold the same active identifier (kind and
///   value), judged on the state after the whole set; a violation rejects the whole set with
///   ``StoreError/Code/duplicateIdentifier``. The database enforces it, not a prior read.
/// - **One open visit per slot.** A patient holds at most one open visit in a slot: a facility
///   and kind, and the day for an outpatient visit (``Visit/openSlot``), judged on the state after the whole set; a violation rejects the whole
///   set with ``StoreError/Code/openVisitExists``. The database enforces it (a unique index), so
///   two desks that open a visit for the same person at once open one, not two. A whole-store
///   restore keeps an archive's earlier open visits as they were, even where two share a slot.
/// - **References.** A coverage or visit refers to a patient, and a visit to its coverages, that
///   exist in the store or in the same set; otherwise ``StoreError/Code/missingRecord``.
/// - **Lookups by any identifier.** ``patient(identifiedBy:for:)`` finds the holder of an active
///   identifier first, else of a superseded or merged one: a cancelled number still finds its
///   patient.
/// - **Audit.** Every commit appends the events of ``ChangeSet/auditDrafts(at:)`` in the same
///   transaction; every read appends a `read` event (or `lookupMissed`) naming the
///   ``Access``'s staff and purpose. Events are sealed with ``AuditEvent/Draft/sealed(after:)``
///   in commit order, so the chain verifies (``verifyAuditTrail()``). A backend may keep a read's
///   event in memory for a short window (the SQLite and PostgreSQL stores: 100 ms) and write it
///   in the next commit's transaction, ahead of the commit's own events — so a check-in, its reads
///   and its commit, is one write — provided every read's event is in the trail before the next
///   commit's events and before ``auditEvents(after:limit:)`` answers. A crash may then lose the
///   read events of that window, never a commit.
/// - **Nothing is deleted.** There is no delete; corrections are new versions.
/// - Errors are ``StoreError``s; bad values never reach the store (the types validate them).
///
/// ## Topics
///
/// ### Writing
/// - ``commit(_:)``
///
/// ### Reading
/// - ``patient(_:for:)``
/// - ``patient(identifiedBy:for:)``
/// - ``patients(namePrefix:bornIn:limit:for:)``
/// - ``coverages(ofPatient:for:)``
/// - ``visit(_:for:)``
/// - ``visits(ofPatient:for:)``
///
/// ### Auditing
/// - ``auditEvents(after:limit:)``
/// - ``verifyAuditTrail()``
public protocol RecordStore: Sendable {
    /// Writes a change set atomically, with its audit events.
    ///
    /// - Returns: the records as stored (new versions) and the audit events written.
    /// - Throws: ``StoreError`` (`versionConflict`, `duplicateIdentifier`, `missingRecord`,
    ///   `invalidChangeSet`, `storageFailure`); nothing of the set is written then.
    @discardableResult
    func commit(_ changes: ChangeSet) async throws -> CommitReceipt

    /// The patient with this id, audited as a read.
    func patient(_ id: PatientID, for access: Access) async throws -> Patient?

    /// The patient holding an identifier (active first, else superseded or merged), audited.
    func patient(identifiedBy key: PatientIdentifier.Key, for access: Access) async throws -> Patient?

    /// Patients whose name, folded (no case, no diacritics, `đ`→`d`; ``PersonName/searchKey``),
    /// starts with the folded `namePrefix`, optionally born in `birthYear`; at most `limit`,
    /// ordered by folded name. Audited as one search.
    ///
    /// `nguyen van a` finds `Nguyễn Văn A` and `Nguyễn Văn An`; a store answers from an index,
    /// not a scan.
    func patients(namePrefix: String, bornIn birthYear: Int?, limit: Int, for access: Access) async throws -> [Patient]

    /// A patient's coverages, oldest first, audited.
    func coverages(ofPatient id: PatientID, for access: Access) async throws -> [Coverage]

    /// The visit with this id, audited.
    func visit(_ id: VisitID, for access: Access) async throws -> Visit?

    /// A patient's visits, by admission time, audited.
    func visits(ofPatient id: PatientID, for access: Access) async throws -> [Visit]

    /// Audit events with a sequence number greater than `sequence`, in order, at most `limit`.
    func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent]
}

extension RecordStore {
    /// Walks the whole audit trail and reports the first broken link, if any.
    public func verifyAuditTrail() async throws -> AuditVerification {
        var verifier = AuditChainVerifier()
        var last: Int64 = 0
        while true {
            let page = try await auditEvents(after: last, limit: 1000)
            for event in page { verifier.consume(event) }
            guard let tail = page.last, page.count == 1000 else { break }
            last = tail.sequence
        }
        return verifier.result
    }
}
