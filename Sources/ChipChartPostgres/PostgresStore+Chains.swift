#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// The audit events a transaction appended to its chain, and whether a checkpoint is due once
    /// it has committed.
    struct ChainAppend: Sendable {
        /// The events, sealed, in order.
        var events: [AuditEvent] = []
        /// When a checkpoint is due, the sequence number of the latest one as the transaction saw
        /// it (0 when there was none yet); `nil` when none is due.
        var checkpointDue: Int64?
    }

    /// Appending audit events without making desks wait for each other's commits.
    ///
    /// The trail is several hash chains, one head row each in `audit_heads`. A writing transaction
    /// claims a chain no other transaction holds (`FOR UPDATE SKIP LOCKED`), takes its events'
    /// sequence numbers from `audit_sequence` while it holds the chain, seals them after the
    /// chain's head and moves the head, all in its own transaction: desks share no row, and their
    /// flushes to disk overlap. When every chain is held it starts a new one, linked to the latest
    /// checkpoint (row 0); until the trail has a checkpoint it waits for the first chain instead,
    /// so only one chain links to the genesis hash. The number of chains stays that of the most
    /// transactions that ever wrote at once. A writer that started a chain or waited for one
    /// writes a checkpoint after its commit, as does one that finds ``checkpointEvents`` events
    /// or ``checkpointMilliseconds`` since the latest checkpoint (``writeCheckpoint(after:staff:)``):
    /// a trail written by one desk at a time is one chain with a checkpoint every 1,000 events.
    extension PostgresStore {
        /// How many events may follow the latest checkpoint before a writer appends another.
        static let checkpointEvents: Int64 = 1000
        /// How long after the latest checkpoint a writer appends another, in milliseconds.
        static let checkpointMilliseconds: Int64 = 10_000

        /// A chain claimed by the transaction, and the sequence numbers its events take.
        private struct Claim {
            let chain: Int64
            let hash: String
            let sequences: [Int64]
            let checkpoint: Int64?
            let checkpointAtEpochMs: Int64?
        }

        /// Which chain a transaction claims.
        private enum Claiming {
            /// The first chain no other transaction holds, if any.
            case free
            /// A new chain after the latest checkpoint, if there is one.
            case new
            /// The first chain, waiting for it.
            case first
        }

        /// In the caller's transaction, after its changes: seals `drafts` into a chain of their
        /// own and appends them. Waits for no other transaction once the trail has a checkpoint.
        static func appendAudit(
            _ drafts: [AuditEvent.Draft],
            to tables: Tables,
            on connection: PostgresConnection,
            logger: Logger,
            at now: Date
        ) async throws -> ChainAppend {
            guard !drafts.isEmpty else { return ChainAppend() }
            var claim: Claim?
            var contended = false
            for claiming in [Claiming.free, .new, .first] where claim == nil {
                claim = try await self.claim(claiming, for: drafts.count, in: tables, on: connection, logger: logger)
                contended = claiming != .free
            }
            guard let claim, claim.sequences.count == drafts.count else {
                throw StoreError(.corruptStorage, "the audit trail has no chain to append to")
            }
            var events: [AuditEvent] = []
            var previous = claim.hash
            for (draft, sequence) in zip(drafts, claim.sequences) {
                let event = draft.sealed(sequence: sequence, previousHash: previous)
                events.append(event)
                previous = event.hash
            }
            try await insertAuditEvents(events, chain: claim.chain, into: tables, on: connection, logger: logger)
            let last = events.last?.sequence ?? 0
            // Due after a new chain or a wait for the first one, after many events, and a while
            // after the latest checkpoint; a trail written by one desk at a time needs none sooner.
            let sinceCheckpoint = claim.checkpointAtEpochMs.map {
                Int64((now.timeIntervalSince1970 * 1000).rounded()) - $0
            }
            let due =
                contended || last - (claim.checkpoint ?? 0) >= checkpointEvents
                || (sinceCheckpoint ?? 0) >= checkpointMilliseconds
            return ChainAppend(events: events, checkpointDue: due ? claim.checkpoint ?? 0 : nil)
        }

        /// Claims a chain as `claiming` says and takes `count` sequence numbers while holding it;
        /// `nil` when there is no such chain.
        private static func claim(
            _ claiming: Claiming,
            for count: Int,
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Claim? {
            let source: String
            switch claiming {
            case .free, .first:
                source = """
                    SELECT chain, hash FROM \(tables.auditHeads) WHERE chain > 0
                    ORDER BY chain LIMIT 1 FOR UPDATE\(claiming == .free ? " SKIP LOCKED" : "")
                    """
            case .new:
                // Reading the checkpoint needs no lock: the `.free` claim before it holds the
                // table against a checkpoint until this transaction ends.
                source = "SELECT nextval('\(tables.chainIDs)') AS chain, hash FROM \(tables.auditHeads) WHERE chain = 0"
            }
            let rows = try await connection.query(
                """
                WITH claimed AS MATERIALIZED (\(unescaped: source))
                SELECT c.chain, c.hash,
                    ARRAY(SELECT nextval('\(unescaped: tables.auditSequence)') FROM generate_series(1, \(count))),
                    k.sequence, k.at_epoch_ms
                FROM claimed AS c LEFT JOIN (
                    SELECT h.sequence, e.at_epoch_ms FROM \(unescaped: tables.auditHeads) AS h
                    LEFT JOIN \(unescaped: tables.auditEvents) AS e ON e.sequence = h.sequence
                    WHERE h.chain = 0
                ) AS k ON true
                """,
                logger: logger
            )
            var claim: Claim?
            for try await (chain, hash, sequences, checkpoint, at) in rows.decode(
                (Int64, String, [Int64], Int64?, Int64?).self
            ) {
                claim = Claim(
                    chain: chain,
                    hash: hash,
                    sequences: sequences.sorted(),
                    checkpoint: checkpoint,
                    checkpointAtEpochMs: at
                )
            }
            return claim
        }

        /// Appends sealed events exactly as given (sequence and hashes kept) and moves the head of
        /// `chain` to the last, creating the head row of a new chain; the caller holds the chain.
        static func insertAuditEvents(
            _ events: [AuditEvent],
            chain: Int64,
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            guard let last = events.last else { return }
            let json = String(decoding: try JSONEncoder().encode(events.map(AuditEventRow.init)), as: UTF8.self)
            try await connection.query(
                """
                WITH appended AS (
                    INSERT INTO \(unescaped: tables.auditEvents) (\(unescaped: AuditEventRow.columns))
                    SELECT \(unescaped: AuditEventRow.columns)
                    FROM jsonb_to_recordset(\(json)::jsonb) AS r(\(unescaped: AuditEventRow.columnTypes))
                    RETURNING sequence
                )
                INSERT INTO \(unescaped: tables.auditHeads) (chain, sequence, hash)
                VALUES (\(chain), \(last.sequence), \(last.hash))
                ON CONFLICT (chain) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
                """,
                logger: logger
            )
        }
    }
#endif
