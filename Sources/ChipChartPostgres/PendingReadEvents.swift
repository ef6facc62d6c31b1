#if PostgreSQL
    import ChipChart
    import Synchronization

    /// The audit events of reads not yet written, in the order of the reads.
    ///
    /// A read writes nothing itself: its event waits here and is written in the transaction of
    /// the next commit, or on its own within ``PostgresStore/readEventWindow``, and before the trail
    /// is read. A check-in's lookups then cost no transaction of their own, and no wait for the
    /// audit chain's head.
    final class PendingReadEvents: Sendable {
        private let state = Mutex<(drafts: [AuditEvent.Draft], flushScheduled: Bool)>(([], false))

        /// Keeps `drafts`; true when no flush is scheduled yet (the caller schedules one).
        func append(_ drafts: [AuditEvent.Draft]) -> Bool {
            state.withLock { state in
                state.drafts += drafts
                defer { state.flushScheduled = true }
                return !state.flushScheduled
            }
        }

        /// Every waiting draft, removed: the caller writes them, or gives them back.
        func take() -> [AuditEvent.Draft] {
            state.withLock { state in
                defer { state.drafts = [] }
                return state.drafts
            }
        }

        /// Drafts that could not be written, back at the front, in their order.
        func giveBack(_ drafts: [AuditEvent.Draft]) {
            guard !drafts.isEmpty else { return }
            state.withLock { $0.drafts = drafts + $0.drafts }
        }

        /// The scheduled flush has run.
        func flushed() {
            state.withLock { $0.flushScheduled = false }
        }
    }
#endif
