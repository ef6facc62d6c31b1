public import ChipChart

extension SQLiteStore {
    /// Imports many change sets quickly, all or nothing: the sets are read one at a time from
    /// `changeSets` and written in one transaction, with one flush at its end.
    ///
    /// Each set is checked and audited exactly as ``commit(_:)`` would, each of its audit events
    /// stamped when the set is written; only the grouping into one transaction differs. The sets
    /// are pulled from the sequence inside the transaction and none is kept once written, so a
    /// sequence that generates its sets lazily loads millions of patients in constant memory: what
    /// the load holds is SQLite's page cache (``Configuration/loadPageCache``), one set, and the
    /// audit events of a few thousand sets on their way through the thread that seals them while
    /// the next sets are written.
    ///
    /// Into a store that holds few patients beside the load (at most 10,000, or at most as many
    /// as the sequence's `underestimatedCount`), the indexes of names and identifiers are built
    /// after the rows instead of row by row, inside the same transaction. An identifier that two
    /// patients hold active is then found when the unique index is built, and refused as a commit
    /// refuses it: uniqueness is judged on the state the whole load leaves. Records made with new
    /// ids (``ChipChart/RecordID/init()``, ordered by time) append to the indexes of ids.
    ///
    /// The load holds the file's write lock until it ends: other writers wait (and give up after
    /// ``Configuration/busyTimeout``); readers see the store as it was before the load until it
    /// commits. A crash or a power cut during the load leaves the store as it was before it.
    ///
    /// <!-- snippet: context=Clinic -->
    /// ```swift
    /// let registrations = [changes]  // the old system's patients, one ChangeSet each, made lazily
    /// let loaded = try await store.load(registrations.lazy.map { $0 })
    /// print(loaded)  // 1
    /// ```
    ///
    /// - Returns: the number of change sets written.
    /// - Throws: ``ChipChart/StoreError`` as ``commit(_:)`` does; nothing of the load is written then.
    @discardableResult
    public func load(_ changeSets: some Sequence<ChangeSet>) async throws -> Int {
        try await load(changeSets, deferringIndexes: nil)
    }

    /// Imports many change sets in one transaction; the batch size is no longer used.
    @available(*, deprecated, message: "a load is one transaction: use load(_:)")
    @discardableResult
    public func load(_ changeSets: some Sequence<ChangeSet>, batchSize: Int) async throws -> Int {
        try await load(changeSets, deferringIndexes: nil)
    }

    /// The load, building the indexes of names and identifiers after the rows or not as told,
    /// or as the store's size beside the load's decides when `deferringIndexes` is nil.
    @discardableResult
    func load(
        _ changeSets: some Sequence<ChangeSet>,
        deferringIndexes: Bool?
    ) async throws(StoreError) -> Int {
        var iterator = changeSets.makeIterator()
        let expected = changeSets.underestimatedCount
        let count = try withWriterPageCache(kibibytes: configuration.loadPageCache / 1024) { () throws(StoreError) in
            var started = false
            return try withBlockingTransaction("loading change sets", synchronous: configuration.synchronous) {
                connection,
                coder in
                // The sets already pulled are gone from the sequence: the transaction runs once.
                guard !started else {
                    throw StoreError(.storageFailure, "the load lost its transaction and cannot start again")
                }
                started = true
                let indexes = try LoadIndexes.dropping(on: connection, expected: expected, deferring: deferringIndexes)
                let sealer = AuditSealer()
                var count = 0
                while let changes = iterator.next() {
                    try changes.checkInternalConsistency()
                    let instant = now()
                    _ = try Self.writeRecords(changes, connection: connection, coder: coder, lookingUpNewRecords: false)
                    try sealer.append(changes.auditDrafts(at: instant), on: connection)
                    count += 1
                }
                try sealer.finish(on: connection)
                try indexes.rebuild(on: connection)
                return count
            }
        }
        // The log holds the whole load until it is copied into the file: copy it now and empty it.
        try? withWritingConnection { try $0.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        return count
    }
}

extension SQLiteStore {
    /// The writing connection's page cache during a load or a restore, by default: 64 MiB.
    static let loadPageCacheKibibytes = 65_536
}
