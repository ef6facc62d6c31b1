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

    /// A chain claimed by a transaction, and the sequence numbers its events take.
    struct ChainClaim: Sendable {
        let chain: Int64
        let hash: String
        let sequences: [Int64]
        /// The latest checkpoint's sequence number, and its time, when there is one.
        let checkpoint: Int64?
        let checkpointAtEpochMs: Int64?
    }

    /// Which chain a transaction claims.
    enum ChainClaiming {
        /// The first chain no other transaction holds, if any.
        case free
        /// A new chain after the latest checkpoint, if there is one.
        case new
        /// The first chain, waiting for it.
        case first
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

        /// In the caller's transaction, after its changes: seals `drafts` into a chain of their
        /// own and appends them. Waits for no other transaction once the trail has a checkpoint.
        ///
        /// `claimed` is the chain the transaction's statement claimed already, when it did
        /// (``CommitStatements``); without one, this claims a chain first. With `prepared`, the
        /// events go in with the statement prepared once per connection (`tables` is then
        /// ``Tables/onSearchPath``).
        static func appendAudit(
            _ drafts: [AuditEvent.Draft],
            claimed: ChainClaim? = nil,
            to tables: Tables,
            prepared: Bool = false,
            on connection: PostgresConnection,
            logger: Logger,
            at now: Date
        ) async throws -> ChainAppend {
            guard !drafts.isEmpty else { return ChainAppend() }
            var claim = claimed
            var contended = false
            for claiming in [ChainClaiming.free, .new, .first] where claim == nil {
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
            try await insertAuditEvents(
                events,
                chain: claim.chain,
                into: tables,
                prepared: prepared,
                on: connection,
                logger: logger
            )
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
            _ claiming: ChainClaiming,
            for count: Int,
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> ChainClaim? {
            let rows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        WITH \(claimDefinitions(claiming, for: "\(count)", when: "true", in: tables))
                        SELECT \(claimColumns) FROM claim
                        """
                ),
                logger: logger
            )
            var claim: ChainClaim?
            for try await (chain, hash, sequences, checkpoint, at) in rows.decode(
                (Int64?, String?, [Int64]?, Int64?, Int64?).self
            ) {
                claim = chainClaim(chain, hash, sequences, checkpoint, at)
            }
            return claim
        }

        /// The common table expressions that claim a chain as `claiming` says, when `condition`
        /// holds, and take `count` sequence numbers while holding it (an SQL expression: a number,
        /// or a bound parameter): the last, `claim`, has the columns ``claimColumns`` and one row,
        /// or none when there is no such chain.
        static func claimDefinitions(
            _ claiming: ChainClaiming,
            for count: String,
            when condition: String,
            in tables: Tables
        ) -> String {
            let source: String
            switch claiming {
            case .free, .first:
                source = """
                    SELECT chain, hash FROM \(tables.auditHeads) WHERE chain > 0 AND \(condition)
                    ORDER BY chain LIMIT 1 FOR UPDATE\(claiming == .free ? " SKIP LOCKED" : "")
                    """
            case .new:
                // Reading the checkpoint needs no lock: the `.free` claim before it holds the
                // table against a checkpoint until this transaction ends.
                source = """
                    SELECT nextval('\(tables.chainIDs)') AS chain, hash FROM \(tables.auditHeads)
                    WHERE chain = 0 AND \(condition)
                    """
            }
            return """
                claimed AS MATERIALIZED (\(source)),
                claim AS (
                    SELECT c.chain, c.hash,
                        ARRAY(SELECT nextval('\(tables.auditSequence)') FROM generate_series(1, \(count))) AS sequences,
                        k.sequence AS checkpoint, k.at_epoch_ms AS checkpoint_at
                    FROM claimed AS c LEFT JOIN (
                        SELECT h.sequence, e.at_epoch_ms FROM \(tables.auditHeads) AS h
                        LEFT JOIN \(tables.auditEvents) AS e ON e.sequence = h.sequence
                        WHERE h.chain = 0
                    ) AS k ON true
                )
                """
        }

        /// The columns of a claim, as ``claimDefinitions(_:for:when:in:)`` names them.
        static let claimColumns = "claim.chain, claim.hash, claim.sequences, claim.checkpoint, claim.checkpoint_at"

        /// The claim the ``claimColumns`` of a row state, `nil` when they are null (no chain).
        static func chainClaim(
            _ chain: Int64?,
            _ hash: String?,
            _ sequences: [Int64]?,
            _ checkpoint: Int64?,
            _ at: Int64?
        ) -> ChainClaim? {
            guard let chain, let hash, let sequences else { return nil }
            return ChainClaim(
                chain: chain,
                hash: hash,
                sequences: sequences.sorted(),
                checkpoint: checkpoint,
                checkpointAtEpochMs: at
            )
        }

        /// Appends sealed events exactly as given (sequence and hashes kept) and moves the head of
        /// `chain` to the last, creating the head row of a new chain; the caller holds the chain.
        ///
        /// With `prepared`, the statement is the one prepared once per connection
        /// (``PreparedAuditAppend``), whose bare table names the transaction's `search_path`
        /// resolves; `tables` must then be ``Tables/onSearchPath``.
        static func insertAuditEvents(
            _ events: [AuditEvent],
            chain: Int64,
            into tables: Tables,
            prepared: Bool = false,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws {
            guard let bindings = auditAppendBindings(events, chain: chain) else { return }
            if prepared {
                for try await _ in try await connection.execute(PreparedAuditAppend(bindings: bindings), logger: logger)
                {}
            } else {
                try await connection.query(
                    PostgresQuery(unsafeSQL: auditAppendSQL(tables), binds: bindings),
                    logger: logger
                )
            }
        }

        /// The statement of ``insertAuditEvents(_:chain:into:prepared:on:logger:)``: the events
        /// as one array per column (no JSON to encode or parse); an absent kind or id as the
        /// empty text, an absent detail marked in a column of its own (an empty detail is a
        /// detail); then the chain, and the last event's sequence number and hash for its head.
        static func auditAppendSQL(_ tables: Tables) -> String {
            """
            WITH appended AS (
                INSERT INTO \(tables.auditEvents) (\(AuditEventRow.columns))
                SELECT r.sequence, r.at_epoch_ms, r.staff_name, r.staff_personal_id, r.staff_role, r.action,
                    NULLIF(r.record_kind, ''), NULLIF(r.record_id, '')::uuid, NULLIF(r.patient_id, '')::uuid,
                    r.purpose, CASE WHEN r.no_detail THEN NULL ELSE r.detail END, r.previous_hash, r.hash
                FROM unnest(
                    $1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], $14::text[]
                ) AS r(
                    sequence, at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind,
                    record_id, patient_id, purpose, detail, no_detail, previous_hash, hash
                )
                RETURNING sequence
            )
            INSERT INTO \(tables.auditHeads) (chain, sequence, hash)
            VALUES ($15::bigint, $16::bigint, $17::text)
            ON CONFLICT (chain) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
            """
        }

        /// The values ``auditAppendSQL(_:)`` takes, in its order; `nil` without events.
        static func auditAppendBindings(_ events: [AuditEvent], chain: Int64) -> PostgresBindings? {
            guard let last = events.last else { return nil }
            let rows = events.map { AuditRowContent($0) }
            var bindings = PostgresBindings(capacity: 17)
            bindings.append(events.map(\.sequence))
            bindings.append(rows.map(\.atEpochMs))
            bindings.append(rows.map(\.staffName))
            bindings.append(rows.map(\.staffPersonalID))
            bindings.append(rows.map(\.staffRole))
            bindings.append(rows.map(\.action))
            bindings.append(rows.map { $0.recordKind ?? "" })
            bindings.append(rows.map { $0.recordID?.uuidString ?? "" })
            bindings.append(rows.map { $0.patientID?.uuidString ?? "" })
            bindings.append(rows.map(\.purpose))
            bindings.append(rows.map { $0.detail ?? "" })
            bindings.append(rows.map { $0.detail == nil })
            bindings.append(events.map(\.previousHash))
            bindings.append(events.map(\.hash))
            bindings.append(chain)
            bindings.append(last.sequence)
            bindings.append(last.hash)
            return bindings
        }
    }
#endif
