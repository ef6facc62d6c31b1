public import ChipChart

extension SQLiteStore {
    /// Imports many change sets quickly: the sets are read one at a time from `changeSets` and
    /// written in chunks of `batchSize`, one transaction (and one flush) per chunk.
    ///
    /// Each set is checked and audited exactly as ``commit(_:)`` would, each of its audit events
    /// stamped when the set is written; only the grouping into transactions differs. The sets are
    /// pulled from the sequence inside the chunk's transaction and none is kept once written, so
    /// a sequence that generates its sets lazily loads millions of patients in constant memory:
    /// what the load holds is SQLite's page cache, enlarged to 64 MiB for the load (the indexes
    /// on names and identifiers receive their entries at random places), and one set.
    ///
    /// Records made with new ids (``ChipChart/RecordID/init()``, ordered by time) append to the
    /// indexes of ids instead of inserting at random places.
    ///
    /// <!-- snippet: context=Clinic -->
    /// ```swift
    /// let registrations = [changes]  // the old system's patients, one ChangeSet each, made lazily
    /// let loaded = try await store.load(registrations.lazy.map { $0 })
    /// print(loaded)  // 1
    /// ```
    ///
    /// - Returns: the number of change sets written.
    /// - Throws: ``ChipChart/StoreError`` as ``commit(_:)`` does; the failing set's whole chunk
    ///   is rolled back, earlier chunks stay written.
    @discardableResult
    public func load(_ changeSets: some Sequence<ChangeSet>, batchSize: Int = 50_000) async throws -> Int {
        var iterator = changeSets.makeIterator()
        let chunk = max(1, batchSize)
        return try withWriterPageCache(kibibytes: Self.loadPageCacheKibibytes) { () throws(StoreError) -> Int in
            var written = 0
            var exhausted = false
            while !exhausted {
                var started = false
                let count = try withBlockingTransaction(
                    "loading change sets",
                    synchronous: configuration.synchronous
                ) { connection, coder in
                    // The sets already pulled are gone from the sequence: a chunk runs once.
                    guard !started else {
                        throw StoreError(.storageFailure, "the load lost its transaction and cannot start again")
                    }
                    started = true
                    var tail = AuditTail()
                    var count = 0
                    while count < chunk {
                        guard let changes = iterator.next() else {
                            exhausted = true
                            break
                        }
                        try changes.checkInternalConsistency()
                        _ = try Self.write(changes, at: now(), connection: connection, coder: coder, tail: &tail)
                        count += 1
                    }
                    return count
                }
                written += count
            }
            return written
        }
    }

    /// The writing connection's page cache during a load: 64 MiB.
    static let loadPageCacheKibibytes = 65_536
}
