public import ChipChart

extension SQLiteStore {
    /// Imports many change sets quickly: the sets are read one at a time from `changeSets` and
    /// committed in batches of `batchSize`, one transaction (and one flush) per batch.
    ///
    /// Each set is checked and audited exactly as ``commit(_:)`` would; only the grouping into
    /// transactions differs. Nothing is held in memory beyond one batch, so a sequence that
    /// generates its sets lazily loads millions of patients in constant memory.
    ///
    /// ```swift
    /// let loaded = try await store.load(people.lazy.map { makeChangeSet($0) })
    /// ```
    ///
    /// - Returns: the number of change sets written.
    /// - Throws: ``ChipChart/StoreError`` as ``commit(_:)`` does; the failing set's whole batch
    ///   is rolled back, earlier batches stay written.
    @discardableResult
    public func load(_ changeSets: some Sequence<ChangeSet>, batchSize: Int = 5_000) async throws -> Int {
        var iterator = changeSets.makeIterator()
        var written = 0
        var batch: [ChangeSet] = []
        batch.reserveCapacity(max(1, batchSize))
        while true {
            batch.removeAll(keepingCapacity: true)
            while batch.count < max(1, batchSize), let next = iterator.next() {
                try next.checkInternalConsistency()
                batch.append(next)
            }
            guard !batch.isEmpty else { return written }
            let instant = now()
            try withBlockingTransaction("loading change sets", synchronous: configuration.synchronous) {
                connection,
                coder in
                for changes in batch {
                    _ = try Self.write(changes, at: instant, connection: connection, coder: coder)
                }
            }
            written += batch.count
        }
    }
}
