internal import CSQLite

extension SQLiteConnection {
    /// How a transaction takes its locks.
    enum TransactionKind: String {
        /// Takes the write lock at once: a writer never fails half-way for want of it.
        case immediate = "BEGIN IMMEDIATE"
        /// Takes locks as statements need them: for read-only work.
        case deferred = "BEGIN DEFERRED"
    }

    /// Runs `body` in a transaction and commits it; rolls back if `body` throws.
    ///
    /// The busy handler waits for other writers first; if the database is still locked, or the
    /// commit itself is refused as busy, the whole transaction runs again, at most
    /// `attempts` times, so a caller sees `SQLITE_BUSY` only after a long, bounded wait.
    func transaction<T>(_ kind: TransactionKind = .immediate, attempts: Int = 4, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try withStatement(kind.rawValue) { try $0.run() }
            } catch let error as SQLiteError where error.code == .busy && attempt < attempts {
                continue
            }
            do {
                let value = try body()
                try withStatement("COMMIT") { try $0.run() }
                return value
            } catch {
                rollbackIfNeeded()
                if let error = error as? SQLiteError, error.code == .busy, attempt < attempts { continue }
                throw error
            }
        }
    }

    /// Rolls back the open transaction, if there is one.
    func rollbackIfNeeded() {
        guard sqlite3_get_autocommit(handle) == 0 else { return }
        try? execute("ROLLBACK")
    }
}
