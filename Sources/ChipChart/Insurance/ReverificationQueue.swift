public import Foundation

/// The visits whose coverage must be checked again with the insurer: an index the host can hold,
/// save and rebuild, over a truth that lives in the store.
///
/// Why an index and not a table: a visit opened while the portal was unreachable is committed
/// with its coverage marked unverified, or, when no verified card was on record, marked as
/// waiting for the insurer (``Visit/needsCoverageReverification``), in the same atomic change set
/// as the rest of the check-in. That stored flag is the queue's truth, so a
/// crash between check-in and re-verification loses nothing: ``catchUp(with:for:pageSize:)`` rebuilds the
/// entries from the store's audit trail (every visit write is an audit event naming the patient)
/// by re-reading the visits written since ``scannedThrough``. The value itself is `Codable`, so a
/// host may also persist it to skip the rescan; a stale entry is harmless, because
/// ``CoverageReverifier`` reads the visit first and drops an entry whose visit no longer needs it.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var queue = ReverificationQueue()
/// queue.enqueue(visit, at: now)                              // right after an offline check-in
/// try await queue.catchUp(with: store, for: access)          // after a restart
/// let results = await reverifier.run(&queue, at: now)        // when the portal is back
/// ```
public struct ReverificationQueue: Hashable, Sendable, Codable {
    /// One visit to re-verify.
    public struct Entry: Hashable, Sendable, Codable {
        /// The patient.
        public var patientID: PatientID
        /// The open visit carrying an unverified coverage, or waiting for the insurer.
        public var visitID: VisitID
        /// When it was queued.
        public var since: Date
        /// How many re-verifications have been tried.
        public var attempts: Int
        /// The last outcome's result code, when one was tried (`nil` while unreachable).
        public var lastResult: PortalResultCode?

        /// Creates an entry.
        public init(
            patientID: PatientID,
            visitID: VisitID,
            since: Date,
            attempts: Int = 0,
            lastResult: PortalResultCode? = nil
        ) {
            self.patientID = patientID
            self.visitID = visitID
            self.since = since
            self.attempts = attempts
            self.lastResult = lastResult
        }
    }

    /// The entries, oldest first.
    public private(set) var entries: [Entry]
    /// The audit sequence number up to which the store has been scanned.
    public private(set) var scannedThrough: Int64

    /// An empty queue that has scanned nothing (``catchUp(with:for:pageSize:)`` then reads the whole trail;
    /// pass a later sequence to start from, such as the day's first event).
    public init(entries: [Entry] = [], scannedThrough: Int64 = 0) {
        self.entries = entries
        self.scannedThrough = scannedThrough
    }

    /// True when nothing waits.
    public var isEmpty: Bool { entries.isEmpty }

    /// The number of waiting visits.
    public var count: Int { entries.count }

    /// Queues a visit if it needs re-verification and is not queued yet.
    ///
    /// - Returns: true when the visit was added.
    @discardableResult
    public mutating func enqueue(_ visit: Visit, at instant: Date) -> Bool {
        guard visit.needsCoverageReverification, !entries.contains(where: { $0.visitID == visit.id }) else {
            return false
        }
        entries.append(Entry(patientID: visit.patientID, visitID: visit.id, since: instant))
        return true
    }

    /// Removes a visit's entry.
    public mutating func remove(_ visitID: VisitID) { entries.removeAll { $0.visitID == visitID } }

    /// Replaces an entry (by visit) with an updated one.
    public mutating func update(_ entry: Entry) {
        if let index = entries.firstIndex(where: { $0.visitID == entry.visitID }) { entries[index] = entry }
    }

    /// Rebuilds the entries from the store: reads the audit events after ``scannedThrough``,
    /// re-reads the visits of every patient whose visit was written, and queues those that need
    /// re-verification.
    ///
    /// - Returns: how many entries were added.
    /// - Throws: the store's errors; the queue is unchanged then.
    @discardableResult
    public mutating func catchUp(
        with store: any RecordStore,
        for access: Access,
        pageSize: Int = 1000
    ) async throws
        -> Int
    {
        var last = scannedThrough
        var patients: [PatientID] = []
        var seen: Set<PatientID> = []
        while true {
            let page = try await store.auditEvents(after: last, limit: pageSize)
            for event in page where event.recordKind == .visit && (event.action == .create || event.action == .update) {
                if let patient = event.patientID, seen.insert(patient).inserted { patients.append(patient) }
            }
            guard let tail = page.last else { break }
            last = tail.sequence
            if page.count < pageSize { break }
        }
        var rebuilt = self
        var added = 0
        for patient in patients {
            for visit in try await store.visits(ofPatient: patient, for: access) {
                if rebuilt.enqueue(visit, at: visit.admittedAt) { added += 1 }
            }
        }
        rebuilt.entries.sort { $0.since < $1.since }
        rebuilt.scannedThrough = last
        self = rebuilt
        return added
    }
}
