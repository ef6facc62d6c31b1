import ChipChart
import Dispatch
import Synchronization

/// Seals a load's audit events on a thread of its own while the loading thread writes records.
///
/// The loading thread hands the drafts over in order, a batch at a time; one serial queue seals
/// them in that order after the trail's last event (hashing is about a seventh of a load's work),
/// and the loading thread inserts the sealed events, still in order, inside the load's
/// transaction. The trail is the one the load would write sealing each set's events itself: the
/// same sequences, the same hashes. At most ``batchesInFlight`` batches wait to be sealed.
///
/// `@unchecked Sendable`: the drafts being gathered and the trail's tail read are touched by the
/// loading thread only, the chain's end by the sealing queue only, and the sealed events behind
/// a mutex.
final class AuditSealer: @unchecked Sendable {
    /// Drafts handed over at once.
    static let batchSize = 1_024
    /// Batches handed over and not sealed yet, at most.
    static let batchesInFlight = 8

    private let queue = DispatchQueue(label: "chipchart.sqlite.sealing")
    private let slots = DispatchSemaphore(value: AuditSealer.batchesInFlight)
    private let sealed = Mutex<[AuditEvent]>([])
    /// The last event sealed (or stored before the load): touched on ``queue`` only.
    private var last: AuditEvent?
    /// Drafts gathered for the next batch: the loading thread's.
    private var drafts: [AuditEvent.Draft] = []
    /// Sealed events taken from ``sealed`` and not inserted yet: the loading thread's.
    private var carried: [AuditEvent] = []
    /// True once the stored trail's last event has been read: the loading thread's.
    private var started = false

    init() { drafts.reserveCapacity(Self.batchSize) }

    /// Takes a set's drafts; hands a full batch to the sealing queue and inserts what is sealed.
    func append(_ newDrafts: [AuditEvent.Draft], on connection: SQLiteConnection) throws {
        drafts.append(contentsOf: newDrafts)
        guard drafts.count >= Self.batchSize else { return }
        try handOver(on: connection)
        try insertSealed(on: connection)
    }

    /// Hands the last drafts over, waits until every one is sealed and inserts them.
    func finish(on connection: SQLiteConnection) throws {
        try handOver(on: connection)
        queue.sync {}
        try insertSealed(on: connection, all: true)
    }

    private func handOver(on connection: SQLiteConnection) throws {
        guard let first = drafts.first else { return }
        if !started {
            // Read on the loading thread, before the queue seals anything after it.
            let stored = try AuditTail.storedLast(on: connection, staff: first.staff)
            queue.sync { last = stored }
            started = true
        }
        let batch = drafts
        drafts.removeAll(keepingCapacity: true)
        slots.wait()
        queue.async { [self] in
            var events: [AuditEvent] = []
            events.reserveCapacity(batch.count)
            for draft in batch {
                let event = draft.sealed(after: last)
                events.append(event)
                last = event
            }
            sealed.withLock { $0.append(contentsOf: events) }
            slots.signal()
        }
    }

    /// Inserts the events sealed so far, in whole statements of
    /// ``SQLiteStore/auditEventsPerInsert``; the rest waits for the next call unless `all`.
    private func insertSealed(on connection: SQLiteConnection, all: Bool = false) throws {
        carried += sealed.withLock { sealed in
            defer { sealed.removeAll(keepingCapacity: true) }
            return sealed
        }
        let whole = all ? carried.count : carried.count - carried.count % SQLiteStore.auditEventsPerInsert
        try SQLiteStore.insert(carried[..<whole], on: connection)
        carried.removeFirst(whole)
    }
}
