#if PostgreSQL
    public import ChipChart
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// Walks the whole audit trail and reports the first broken link, if any, including
        /// events removed from its end.
        ///
        /// Reads the trail and the chain heads in one snapshot: each event is checked against the
        /// head of its chain and each checkpoint against the heads it lists with
        /// ``ChipChart/AuditChainVerifier``, and the chains' ends against the head rows, which
        /// every transaction moves in the same transaction as the events it appends
        /// (``ChipChart/AuditChainVerifier/finish(atHeads:)``). So an event edited, inserted or
        /// removed anywhere, the last of a chain included, is found. What the head rows cannot
        /// show is a removal after the last checkpoint made together with a matching edit of the
        /// head rows themselves: keep the checkpoints' hashes outside the database to narrow that
        /// to the events after the last one kept.
        ///
        /// The same name on ``ChipChart/RecordStore`` walks the events only; this one is used
        /// wherever the store's type is `PostgresStore`.
        ///
        /// - Throws: ``ChipChart/StoreError`` (`storageFailure`, or `corruptStorage` when a stored
        ///   event or the head row no longer parses).
        public func verifyAuditTrail() async throws -> AuditVerification {
            try await writePendingReads()
            return try await withSnapshot { listing in
                guard let snapshot = listing as? PostgresListing else {
                    throw StoreError(.storageFailure, "the snapshot is not PostgreSQL's")
                }
                var verifier = AuditChainVerifier()
                var last: Int64 = 0
                while true {
                    let page = try await snapshot.auditEvents(after: last, limit: 1000)
                    for event in page { verifier.consume(event) }
                    guard let tail = page.last, page.count == 1000 else { break }
                    last = tail.sequence
                }
                verifier.finish(atHeads: try await snapshot.chainHeads())
                return verifier.result
            }
        }
    }

    extension PostgresListing {
        /// The head of every chain, the checkpoints' included, in this snapshot.
        func chainHeads() async throws -> [AuditChainHead] {
            let rows = try await query("SELECT sequence, hash FROM \(unescaped: tables.auditHeads)")
            var heads: [AuditChainHead] = []
            for try await (sequence, hash) in rows.decode((Int64, String).self) {
                heads.append(AuditChainHead(sequence: sequence, hash: hash))
            }
            return heads
        }
    }
#endif
