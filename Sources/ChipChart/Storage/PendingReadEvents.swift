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

    // MARK: - Keeping the reads' order across writers

    private let order = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// Runs `body` — taking events and writing them — after every earlier `body` has finished, so
    /// events taken first reach the trail first: a flush in flight is done before the next one,
    /// or a commit, takes what came after it. A backend whose writes already run one at a time
    /// (the SQLite store's queue) needs no such order.
    package func inOrder<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let enter = order.withLock { state -> Bool in
                guard state.busy else {
                    state.busy = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if enter { continuation.resume() }
        }
        defer {
            let next = order.withLock { state -> CheckedContinuation<Void, Never>? in
                guard !state.waiting.isEmpty else {
                    state.busy = false
                    return nil
                }
                return state.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}
