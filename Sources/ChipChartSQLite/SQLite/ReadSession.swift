import Foundation

/// The store's connection for reads, used on the caller's thread under a lock.
///
/// In write-ahead-log mode a reader never waits for a writer — it reads the file as of its last
/// commit — so a read is short and holds up nothing, and needs no hop to the writer's queue. Only
/// reads run on it. (It is not `query_only`: whichever of the store's connections closes last
/// checkpoints the write-ahead log into the file, and a `query_only` one could not, leaving the
/// log for the next process to fold in.)
final class ReadSession: @unchecked Sendable {
    private let lock = NSLock()
    private let connection: SQLiteConnection
    private let coder = RecordCoder()

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Runs `body` with the connection and its coder, holding the lock; nothing inside awaits.
    func withLock<T>(_ body: (SQLiteConnection, RecordCoder) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(connection, coder)
    }
}
