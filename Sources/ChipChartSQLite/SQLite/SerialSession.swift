import Dispatch

/// A value that is not thread-safe (a connection) used on one serial queue of its own.
///
/// SQLite blocks: it waits for another process's lock, and it flushes to disk. Work on the
/// connection runs on this queue's thread, never on the threads of Swift's cooperative pool: an
/// async caller suspends until its work is done, so a desk blocked on a locked file holds up no
/// other task — not a timer, not the insurer's time limit. The queue also serialises the work, so
/// the value is reached by one thread at a time and the unchecked `Sendable` holds.
final class SerialSession<Value>: @unchecked Sendable {
    private let queue: DispatchQueue
    private let value: Value

    init(_ value: Value, label: String) {
        self.value = value
        queue = DispatchQueue(label: label)
    }

    /// Runs `body` with the value on the queue; the caller suspends meanwhile.
    func run<T: Sendable>(_ body: @escaping @Sendable (Value) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(self.value) })
            }
        }
    }

    /// Runs `body` with the value on the queue after `delay`, on no task of the caller's: a timer
    /// that fires however busy Swift's shared threads are. The timer does not keep the value
    /// alive: once its owner is gone (and has closed the connection), it does nothing.
    func runLater(after delay: Duration, _ body: @escaping @Sendable (Value) -> Void) {
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
            guard let self else { return }
            body(self.value)
        }
    }

    /// Runs `body` with the value on the queue, blocking the caller: for `deinit` only.
    func runBlocking<T>(_ body: (Value) throws -> T) rethrows -> T {
        try queue.sync { try body(value) }
    }
}
