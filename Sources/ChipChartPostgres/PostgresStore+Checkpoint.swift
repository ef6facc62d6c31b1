#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// Checkpoints: the events that tie the chains of the audit trail together.
    ///
    /// A writer whose transaction started a chain or waited for one, or saw ``checkpointEvents``
    /// events or ``checkpointMilliseconds`` pass since the latest checkpoint, writes one after its
    /// commit, in a short transaction of its own. Only one transaction of all processes writes a checkpoint at a
    /// time (an advisory lock it tries, never waits for); it locks `audit_heads` in `EXCLUSIVE`
    /// mode, which waits for the transactions appending to a chain and holds new ones back for the
    /// moment, reads the head of every chain and appends one `checkpoint` event listing them
    /// (``ChipChart/AuditChainHead/checkpointDetail(_:)``) to the checkpoints' own chain, head row 0.
    /// The event names the staff member whose commit wrote it and the purpose
    /// ``checkpointPurpose``.
    extension PostgresStore {
        /// The purpose of a checkpoint event.
        static let checkpointPurpose = "audit checkpoint"

        /// Writes `rows` (none: only the events) and appends `drafts` in one transaction, then
        /// writes a checkpoint when one is due; returns the events as sealed.
        ///
        /// The transaction sets `search_path` to the store's schema for itself alone and sends
        /// the hot statements — a new or returning patient's check-in, a visit's closing
        /// (``PreparedCommits``), the events' append — as statements prepared once per
        /// connection, planned once instead of on every commit; on a
        /// connection where they cannot be used (``UnpreparedConnections``), it sends the same
        /// statements with the schema written in, as plain ones.
        func appendingAudit(
            _ drafts: [AuditEvent.Draft],
            _ operation: String,
            writing rows: CommitRows? = nil
        ) async throws(StoreError) -> [AuditEvent] {
            let tables = self.tables
            let logger = self.logger
            let now = self.now()
            let plain = CommitStatements(rows, tables: tables)
            let onSearchPath = CommitStatements(rows, tables: .onSearchPath)
            let appended = try await inTransaction(operation) { connection in
                let prepared = UnpreparedConnections.allow(connection)
                do {
                    if prepared {
                        for try await _ in try await connection.execute(
                            PreparedSearchPath(searchPath: tables.searchPath),
                            logger: logger
                        ) {}
                    }
                    let claim = try await (prepared ? onSearchPath : plain).run(
                        claimingFor: drafts.count,
                        prepared: prepared,
                        on: connection,
                        logger: logger
                    )
                    return try await Self.appendAudit(
                        drafts,
                        claimed: claim,
                        to: prepared ? .onSearchPath : tables,
                        prepared: prepared,
                        on: connection,
                        logger: logger,
                        at: now
                    )
                } catch let error where prepared && PreparedStatementFailed.mayBePrepared(error) {
                    UnpreparedConnections.refuse(connection)
                    throw PreparedStatementFailed(underlying: error)
                }
            }
            if let seen = appended.checkpointDue, let staff = drafts.last?.staff {
                do {
                    try await writeCheckpoint(after: seen, staff: staff)
                } catch {
                    // The change is committed; the next writer writes the checkpoint.
                    logger.warning("could not write an audit checkpoint", metadata: ["error": "\(error)"])
                }
            }
            return appended.events
        }

        /// Appends a checkpoint of every chain, unless another transaction is writing one or
        /// wrote one since the checkpoint at `seen` (0: none); returns it, or `nil`.
        @discardableResult
        func writeCheckpoint(after seen: Int64, staff: Staff) async throws(StoreError) -> AuditEvent? {
            let tables = self.tables
            let logger = self.logger
            let draft = AuditEvent.Draft(at: now(), staff: staff, action: .checkpoint, purpose: Self.checkpointPurpose)
            return try await inTransaction("writing an audit checkpoint") { connection in
                let locked = try await connection.query(
                    "SELECT pg_try_advisory_xact_lock(hashtext(\(tables.checkpointLock)))",
                    logger: logger
                )
                var isWriter = false
                for try await value in locked.decode(Bool.self) { isWriter = value }
                guard isWriter else { return nil }
                try await connection.query(
                    "LOCK TABLE \(unescaped: tables.auditHeads) IN EXCLUSIVE MODE",
                    logger: logger
                )
                let rows = try await connection.query(
                    """
                    SELECT chain, sequence, hash FROM \(unescaped: tables.auditHeads) ORDER BY chain
                    """,
                    logger: logger
                )
                var heads: [AuditChainHead] = []
                var latest = AuditChainHead(sequence: 0, hash: AuditEvent.genesisHash)
                for try await (chain, sequence, hash) in rows.decode((Int64, Int64, String).self) {
                    if chain == 0 {
                        latest = AuditChainHead(sequence: sequence, hash: hash)
                    } else {
                        heads.append(AuditChainHead(sequence: sequence, hash: hash))
                    }
                }
                guard latest.sequence == seen else { return nil }
                let next = try await connection.query(
                    "SELECT nextval('\(unescaped: tables.auditSequence)')",
                    logger: logger
                )
                var sequence: Int64 = 0
                for try await value in next.decode(Int64.self) { sequence = value }
                var listing = draft
                listing.detail = AuditChainHead.checkpointDetail(heads)
                let event = listing.sealed(sequence: sequence, previousHash: latest.hash)
                try await Self.insertAuditEvents([event], chain: 0, into: tables, on: connection, logger: logger)
                return event
            }
        }
    }
#endif
