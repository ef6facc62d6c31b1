/// Whole-store listings, page by page in a stable order; not audited per record.
///
/// An ``ArchivableStore`` lists this way, each call on its own (a page may then miss a record
/// written between two calls, or hold one whose patient was written after the patients were
/// listed). The listing that ``ArchivableStore/withSnapshot(_:)`` lends answers every call
/// from one consistent state of the store, whatever is committed meanwhile: what an export needs.
public protocol ArchiveListing: Sendable {
    /// Patients with an id after `id` (all when `nil`), in id order, at most `limit`; not audited.
    func allPatients(after id: PatientID?, limit: Int) async throws -> [Patient]

    /// Every coverage, at most `limit`, after the coverage `id` (from the start when `nil`), in
    /// patient-id order and, for one patient, in the order first stored (the order of
    /// ``RecordStore/coverages(ofPatient:for:)``, which a restore keeps); not audited.
    func allCoverages(after id: CoverageID?, limit: Int) async throws -> [Coverage]

    /// Visits with an id after `id` (all when `nil`), in id order, at most `limit`; not audited.
    func allVisits(after id: VisitID?, limit: Int) async throws -> [Visit]

    /// Audit events with a sequence number after `sequence`, in sequence order, at most `limit`.
    func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent]
}
