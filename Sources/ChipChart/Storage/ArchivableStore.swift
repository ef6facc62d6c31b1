public import Foundation

/// A ``RecordStore`` that can be listed whole and restored whole: what backups, archives and
/// moving a clinic between backends need.
///
/// The listings (``ArchiveListing``) page through every record in a stable order (`after` the
/// last id of the previous page, at most `limit`); they are **not** audited per record. A caller
/// that lists a store for an export records one event for it with ``recordExport(by:detail:)``.
///
/// Each listing on the store itself is its own read. An export lists inside
/// ``withSnapshot(_:)`` instead: every page then comes from one consistent state of the store
/// while desks go on committing, so the export never holds a coverage or visit without its
/// patient, nor an audit trail cut between two events. Each backend says how it keeps the
/// snapshot (one read transaction on SQLite, a `REPEATABLE READ` transaction on PostgreSQL).
///
/// ``restore(from:)`` fills an **empty** store in one transaction from a pull source of
/// ``ArchiveRecord``s: records keep their ids and versions, audit events their sequence numbers
/// and hashes, so the restored ``RecordStore/verifyAuditTrail()`` gives the same result as the
/// original's. Nothing is written when the store is not empty, when the source throws (a
/// truncated or corrupt archive) or when the records break the contract.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let patients = try await store.withSnapshot { listing in
///     try await listing.allPatients(after: nil, limit: 1000)
/// }
/// var records = patients.map(ArchiveRecord.patient).makeIterator()
/// try await emptyStore.restore { records.next() }
/// ```
///
/// A backend is correct when `ArchivableStoreConformance` (module `ChipChartTesting`) passes.
public protocol ArchivableStore: RecordStore, ArchiveListing {
    /// Runs `body` with a listing whose every call sees the store as it was when the snapshot
    /// began: commits made meanwhile (by this process or another) are not seen, and are not
    /// held up. The snapshot ends when `body` returns or throws; the listing must not be used
    /// after.
    ///
    /// - Throws: ``StoreError`` when the snapshot cannot be opened, or whatever `body` throws.
    func withSnapshot<Result>(_ body: (any ArchiveListing) async throws -> Result) async throws -> Result

    /// Visits admitted at or after `start` and before `end`, with an id after `id`, in id
    /// order, at most `limit`; not audited (the claims of a day: record one export event).
    func visits(admittedFrom start: Date, until end: Date, after id: VisitID?, limit: Int) async throws -> [Visit]

    /// Appends one `export` audit event: who listed the store, why, and a masked detail.
    func recordExport(by access: Access, detail: String?) async throws

    /// Fills this empty store, in one transaction, with the records `next` yields until it
    /// returns `nil`: patients, then coverages, visits and audit events in sequence order.
    ///
    /// - Returns: how many records of each kind were restored.
    /// - Throws: ``StoreError`` `notEmpty` when the store holds anything, `invalidChangeSet`
    ///   when the records are out of order, refer to missing records, hold an identifier twice
    ///   or carry a broken audit chain; or the error `next` threw. Nothing is written then.
    @discardableResult
    func restore(from next: () throws -> ArchiveRecord?) async throws -> ArchiveRecord.Counts
}

/// One record of a whole-store listing or archive.
public enum ArchiveRecord: Hashable, Sendable {
    /// A patient as stored.
    case patient(Patient)
    /// A coverage as stored.
    case coverage(Coverage)
    /// A visit as stored.
    case visit(Visit)
    /// An audit event as stored, hashes included.
    case auditEvent(AuditEvent)

    /// The position of the record's kind in a restore: patients first, audit events last.
    public var rank: Int {
        switch self {
        case .patient: 0
        case .coverage: 1
        case .visit: 2
        case .auditEvent: 3
        }
    }

    /// How many records of each kind a store or an archive holds.
    public struct Counts: Hashable, Sendable, Codable {
        /// Patients.
        public var patients: Int
        /// Coverages.
        public var coverages: Int
        /// Visits.
        public var visits: Int
        /// Audit events.
        public var auditEvents: Int

        /// Counts of each kind.
        public init(patients: Int = 0, coverages: Int = 0, visits: Int = 0, auditEvents: Int = 0) {
            self.patients = patients
            self.coverages = coverages
            self.visits = visits
            self.auditEvents = auditEvents
        }

        /// All records.
        public var total: Int { patients + coverages + visits + auditEvents }

        /// Counts one more record of the kind of `record`.
        public mutating func add(_ record: ArchiveRecord) {
            switch record {
            case .patient: patients += 1
            case .coverage: coverages += 1
            case .visit: visits += 1
            case .auditEvent: auditEvents += 1
            }
        }
    }
}

/// Checks the records of a restore as they stream by, keeping only what it must: the kind of
/// the last record and the last audit event.
///
/// Every backend runs its restore through one, so all refuse the same sources.
public struct RestoreCheck: Sendable {
    private var lastRank = 0
    private var verifier = AuditChainVerifier()
    /// The records seen so far, by kind.
    public private(set) var counts = ArchiveRecord.Counts()

    /// A check for a restore that has seen nothing yet.
    public init() {}

    /// Checks the next record: kinds in order, versions positive, the audit chain unbroken.
    ///
    /// - Throws: ``StoreError`` (`invalidChangeSet`).
    public mutating func consume(_ record: ArchiveRecord) throws(StoreError) {
        guard record.rank >= lastRank else {
            throw StoreError(.invalidChangeSet, "the records to restore are not ordered by kind")
        }
        lastRank = record.rank
        counts.add(record)
        switch record {
        case .patient(let patient): try Self.checkStored(patient.version, .patient)
        case .coverage(let coverage): try Self.checkStored(coverage.version, .coverage)
        case .visit(let visit): try Self.checkStored(visit.version, .visit)
        case .auditEvent(let event):
            verifier.consume(event)
            if let broken = verifier.result.firstBrokenLink {
                throw StoreError(
                    .invalidChangeSet,
                    "the audit trail to restore breaks at event \(broken.sequence): \(broken.reason)"
                )
            }
        }
    }

    private static func checkStored(_ version: Int, _ kind: AuditEvent.RecordKind) throws(StoreError) {
        guard version > 0 else {
            throw StoreError(.invalidChangeSet, "a \(kind.rawValue) to restore was never stored", recordKind: kind)
        }
    }
}

extension AuditEvent.Action {
    /// A whole-store listing for an export (an archive, a claims file).
    public static let export = AuditEvent.Action("export")
}

extension UUID {
    /// Orders ids as their 16 bytes compare: the order of a whole-store listing (and of
    /// `uuidString`, without making the strings).
    static func archiveOrder(_ lhs: UUID, _ rhs: UUID) -> Bool {
        lhs < rhs
    }
}
