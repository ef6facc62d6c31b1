internal import CSQLite

extension SQLiteStore {
    /// Turns off SQLite's memory statistics for the whole process, if SQLite has not started yet.
    ///
    /// SQLite counts every allocation it makes, under one lock shared by the whole process; a
    /// bulk load makes millions of allocations, and the lock costs it a few percent of its
    /// CPU time. The statistics serve only `sqlite3_memory_used` and the soft heap limit, which
    /// ChipChart does not use, but they are a setting of the process, not of one store: another
    /// part of the host may read them, so the store never turns them off by itself.
    ///
    /// Call it first thing, before any store or other SQLite user in the process opens a file:
    /// SQLite accepts the setting only before it initialises, and it then holds for every
    /// connection of the process until it exits.
    ///
    /// - Returns: `true` if the statistics are now off; `false` if SQLite had already started
    ///   in this process (nothing is changed then).
    @discardableResult
    public static func turnOffSQLiteMemoryStatistics() -> Bool {
        csqlite_config_memory_statistics(0) == SQLITE_OK
    }
}
