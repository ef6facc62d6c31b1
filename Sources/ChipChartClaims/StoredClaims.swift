public import ChipChart
public import Foundation
import Synchronization

/// The claims of the visits admitted in a range of instants, read from a store page by page: the
/// closed visits become claims; the open ones are listed as pending (``Tally/pendingKeys``) and
/// do not stop the export; cancelled visits and self-pay visits (no insurance card applied:
/// nothing to claim from the insurer) are counted and left out — unless ``isForHealthBook`` is
/// set: the health-book export claims every closed visit, with or without a card, each with its
/// record summary (XML8).
///
/// Each patient and coverage read for a claim is audited under `access`; the page reads are not
/// (record one export event, as `RecordStore` asks).
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let claims = StoredClaims(store: store, access: access, from: today.startInstant, until: today.endInstant)
/// let exporter = ClaimExporter(envelope: ClaimEnvelope(facility: facility, createdOn: today))
/// try Data().write(to: url)
/// let summary = try await exporter.export(claims, to: try FileHandle(forWritingTo: url))
/// print(summary.claimCount, claims.tally.pendingKeys)   // closed visits claimed, open ones pending
/// ```
public struct StoredClaims: AsyncSequence, Sendable {
    /// The claim inputs.
    public typealias Element = ClaimInput

    /// What an export of stored claims left out, counted as it reads.
    public final class Tally: Sendable {
        private struct Counts {
            var read = 0
            var pending: [String] = []
            var selfPay = 0
            var cancelled = 0
        }

        private let counts = Mutex(Counts())

        /// A tally at zero.
        public init() {}

        /// The visits read so far.
        public var visitsRead: Int { counts.withLock { $0.read } }
        /// The keys (`MA_LK`) of the visits still open, in the order read: pending, not claimed.
        public var pendingKeys: [String] { counts.withLock { $0.pending } }
        /// The closed visits left out for having no insurance card applied.
        public var selfPayCount: Int { counts.withLock { $0.selfPay } }
        /// The cancelled visits left out.
        public var cancelledCount: Int { counts.withLock { $0.cancelled } }

        /// Counts a visit read, and returns true when it becomes a claim.
        fileprivate func admit(_ visit: Visit, includingSelfPay: Bool) -> Bool {
            counts.withLock { counts in
                counts.read += 1
                switch visit.status {
                case .open:
                    counts.pending.append(visit.key)
                    return false
                case .cancelled:
                    counts.cancelled += 1
                    return false
                case .closed:
                    guard includingSelfPay || !visit.appliedCoverages.isEmpty else {
                        counts.selfPay += 1
                        return false
                    }
                    return true
                }
            }
        }
    }

    /// Where the visits are.
    public let store: any ArchivableStore
    /// Who reads, and why: the patient and coverage reads are audited under it.
    public let access: Access
    /// The first admission instant included.
    public let start: Date
    /// The admission instant excluded.
    public let end: Date
    /// What the export left out; filled as the sequence is read.
    public let tally: Tally
    /// The number of visits read per page.
    public var pageSize = 200
    /// True for the health book's export: self-pay visits are claimed too, and every claim
    /// carries its record summary (``ClaimInput/isForHealthBook``).
    public var isForHealthBook = false
    /// A patient's standing towards the co-payment exemption before a visit, when the facility
    /// knows it (the insurer's co-payment lookup or its own count); by default none, so each
    /// claim carries the provisional split (``ClaimInput/coPaymentStanding``).
    public var coPaymentStanding: @Sendable (Patient, Visit) async -> CoPaymentStanding? = { _, _ in nil }

    /// Who may read claims: consulted (`read claims`) before the first visit is read.
    public let policy: any AccessPolicy

    /// The claims of the visits admitted at or after `start` and before `end`, for `access` if
    /// `policy` lets it read claims.
    public init(
        store: any ArchivableStore,
        access: Access,
        from start: Date,
        until end: Date,
        policy: any AccessPolicy = DefaultAccessPolicy(),
        tally: Tally = Tally()
    ) {
        self.policy = policy
        self.store = store
        self.access = access
        self.start = start
        self.end = end
        self.tally = tally
    }

    /// An iterator from the first visit.
    public func makeAsyncIterator() -> Iterator { Iterator(claims: self) }

    /// Walks the range one page of visits at a time.
    public struct Iterator: AsyncIteratorProtocol {
        let claims: StoredClaims
        var page: [Visit] = []
        var last: VisitID?
        var exhausted = false

        init(claims: StoredClaims) { self.claims = claims }

        /// The next closed, insured visit's claim input (closed, for the health book).
        ///
        /// - Throws: ``ChipChart/AccessDenied`` (audited) when the policy refuses the access to
        ///   read claims, ``ChipChart/StoreError`` (`missingRecord` for a visit whose patient is
        ///   gone).
        public mutating func next() async throws -> ClaimInput? {
            if last == nil, page.isEmpty, !exhausted {
                try await PolicedStore(wrapping: claims.store, policy: claims.policy).require(
                    .read,
                    .claims,
                    for: claims.access
                )
            }
            while true {
                if !page.isEmpty {
                    let visit = page.removeFirst()
                    guard claims.tally.admit(visit, includingSelfPay: claims.isForHealthBook) else { continue }
                    let patient = try await claims.store.patient(visit.patientID, for: claims.access)
                    guard let patient else { throw StoreError(.missingRecord, "a visit's patient is missing") }
                    let coverages = try await claims.store.coverages(ofPatient: patient.id, for: claims.access)
                    var input = ClaimInput(patient: patient, visit: visit, coverages: coverages)
                    input.isForHealthBook = claims.isForHealthBook
                    input.coPaymentStanding = await claims.coPaymentStanding(patient, visit)
                    return input
                }
                guard !exhausted else { return nil }
                page = try await claims.store.visits(
                    admittedFrom: claims.start,
                    until: claims.end,
                    after: last,
                    limit: claims.pageSize
                )
                last = page.last?.id
                exhausted = page.count < claims.pageSize
            }
        }
    }
}
