#if PostgreSQL
    public import ChipChart
    import Logging
    import PostgresNIO

    extension PostgresStore {
        /// Walks the whole audit trail and reports the first broken link, if any, including
        /// events removed from its end.
        ///
        /// Seals the events left pending first, then reads the trail and the head of the chain in
        /// one snapshot: each event is checked against its predecessor with
        /// ``ChipChart/AuditChainVerifier``, and the last one against the head row, which every
        /// sealing transaction moves in the same transaction as the events it appends
        /// (``ChipChart/AuditChainVerifier/finish(atHead:hash:)``). So an event edited, inserted
        /// or removed anywhere, the last included, is found. What the head row cannot show is a
        /// removal made together with a matching edit of the head row itself: keep
        /// ``ChipChart/AuditVerification/lastHash`` outside the database to catch that.
        ///
        /// The same name on ``ChipChart/RecordStore`` walks the events only; this one is used
        /// wherever the store's type is `PostgresStore`.
        ///
        /// - Throws: ``ChipChart/StoreError`` (`storageFailure`, or `corruptStorage` when a stored
        ///   event or the head row no longer parses).
        public func verifyAuditTrail() async throws -> AuditVerification {
            try await writePendingReads()
            try await sealLeftovers()
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
                let head = try await snapshot.head()
                verifier.finish(atHead: head.sequence, hash: head.hash)
                return verifier.result
            }
        }
    }

    extension PostgresListing {
        /// The sequence number and hash the head of the chain records, in this snapshot.
        func head() async throws -> (sequence: Int64, hash: String) {
            let rows = try await query("SELECT sequence, hash FROM \(unescaped: tables.auditHead)")
            var head: (sequence: Int64, hash: String)?
            for try await (sequence, hash) in rows.decode((Int64, String).self) { head = (sequence, hash) }
            guard let head else { throw StoreError(.corruptStorage, "the head of the audit chain is missing") }
            return head
        }
    }
#endif
