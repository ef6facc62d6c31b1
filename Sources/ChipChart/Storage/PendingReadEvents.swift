import Synchronization

/// The audit events of reads not yet written, in the order of the reads.
///
/// For a store backend: a read writes nothing itself; its event waits here and is written in the
/// transaction of the next commit, or on its own within a short window, and before the trail is
/// read (the ``RecordStore`` contract's audit rule). A check-in's lookups then cost no write of
/// their own.
package final class PendingReadEvents: Sendable {
    /// No events yet.
    package init() {}

    private let state = Mutex<(drafts: [AuditEvent.Draft], flushScheduled: Bool)>(([], false))

    /// Keeps `drafts`; true when no flush is scheduled yet (the caller schedules one).
    package func append(_ drafts: [AuditEvent.Draft]) -> Bool {
        state.withLock { state in
            state.drafts += drafts
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
    }

    /// Every waiting draft, removed: the caller writes them, or gives them back.
    package func take() -> [AuditEvent.Draft] {
        state.withLock { state in
            defer { state.drafts = [] }
            return state.drafts
        }
    }

    /// Drafts that could not be written, back at the front, in their order.
    package func giveBack(_ drafts: [AuditEvent.Draft]) {
        guard !drafts.isEmpty else { return }
        state.withLock { $0.drafts = drafts + $0.drafts }
    }

    /// How many events wait.
    package var count: Int { state.withLock { $0.drafts.count } }

    /// The scheduled flush has run.
    package func flushed() {
        state.withLock { $0.flushScheduled = false }
    }
}
