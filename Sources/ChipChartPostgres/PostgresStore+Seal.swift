#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO
    import Synchronization

    /// What became of the audit events a transaction appended.
    enum AuditAppend: Sendable {
        /// Sealed into the chain by the transaction itself, in order.
        case sealed([AuditEvent])
        /// Left in `audit_pending` under these ids, in order, for a sealer.
        case pending([Int64])
    }

    /// The writes of one store under way, counted.
    final class AuditWriters: Sendable {
        private let count = Mutex(0)

        /// Runs `body` counted as a write; tells it whether it is the only one.
        func write<Result>(_ body: (_ alone: Bool) async throws -> Result) async rethrows -> Result {
            let alone = count.withLock { count -> Bool in
                count += 1
                return count == 1
            }
            defer { count.withLock { $0 -= 1 } }
            return try await body(alone)
        }
    }

    /// Sealing the audit chain without making desks wait for each other's commits.
    ///
    /// The chain is one: every event follows the one before it, with no gap. A transaction that
    /// seals holds the advisory lock named ``Tables/sealerLock`` and then the head row, until it
    /// ends. A commit only ever *tries* that lock, after writing its records: when it is free the
    /// commit seals its events (behind any that are pending) in its own transaction, so a lone desk
    /// writes once per check-in; when another transaction is sealing, the commit leaves its events
    /// in `audit_pending` and commits at once, its flush to disk overlapping the sealer's. Right
    /// after, it waits for the sealer at work to finish and, if its events are still pending, seals
    /// every pending event in a transaction of its own: one sealing chains the events of all the
    /// desks that committed meanwhile.
    extension PostgresStore {
        /// How many pending events one sealing transaction chains at most.
        static let sealBatchSize = 1000

        /// In the caller's transaction, after its changes: seals `drafts` into the chain, behind
        /// the events already pending, when no other transaction is sealing; otherwise leaves them
        /// pending. Never waits for another transaction.
        ///
        /// With `alone` false (other writes of this process are under way) the events are left
        /// pending without trying: a transaction that seals holds the chain until its flush to
        /// disk ends, and the other writers would wait for that flush before they could seal.
        static func appendAudit(
            _ drafts: [AuditEvent.Draft],
            alone: Bool,
            to tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> AuditAppend {
            guard !drafts.isEmpty else { return .sealed([]) }
            guard alone else {
                return .pending(try await insertPending(drafts, into: tables, on: connection, logger: logger))
            }
            let rows = try await connection.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(\(tables.sealerLock)))",
                logger: logger
            )
            var isSealer = false
            for try await locked in rows.decode(Bool.self) { isSealer = locked }
            guard isSealer else {
                return .pending(try await insertPending(drafts, into: tables, on: connection, logger: logger))
            }
            let sealing = try await sealPending(then: drafts, in: tables, on: connection, logger: logger)
            return .sealed(Array(sealing.events.suffix(drafts.count)))
        }

        /// Events sealed by one transaction, the first `pendingIDs.count` of them from those
        /// `audit_pending` rows.
        struct Sealing: Sendable {
            var events: [AuditEvent] = []
            var pendingIDs: [Int64] = []
        }

        /// With the sealer lock held (taken by an earlier statement): chains the oldest pending
        /// events (at most ``sealBatchSize``), then `drafts`, and appends them.
        ///
        /// The head row is locked and the pending events read in one statement, which sees every
        /// sealing that ended before the sealer lock was granted.
        static func sealPending(
            then drafts: [AuditEvent.Draft] = [],
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Sealing {
            let head = try await connection.query(
                """
                SELECT h.sequence, h.hash, h.last_event::text,
                    (SELECT coalesce(jsonb_agg(p ORDER BY p.id), '[]'::jsonb)::text
                     FROM (SELECT * FROM \(unescaped: tables.auditPending) ORDER BY id LIMIT \(sealBatchSize)) AS p)
                FROM \(unescaped: tables.auditHead) AS h FOR UPDATE OF h
                """,
                logger: logger
            )
            var found: (HeadRow, String)?
            for try await (sequence, hash, last, pending) in head.decode((Int64, String, String?, String).self) {
                found = (HeadRow(sequence: sequence, hash: hash, lastEventJSON: last), pending)
            }
            guard let (headRow, pendingJSON) = found else {
                throw StoreError(.corruptStorage, "the head of the audit chain is missing")
            }
            let pending = try PendingAuditRow.rows(fromJSONArray: pendingJSON)
            guard !pending.isEmpty || !drafts.isEmpty else { return Sealing() }
            return try await seal(
                pending,
                then: drafts,
                after: try headRow.lastEvent(),
                in: tables,
                on: connection,
                logger: logger
            )
        }

        /// Chains `pending`, then `drafts`, after `previous`, and appends them; the caller holds
        /// the sealer lock and the head row.
        private static func seal(
            _ pending: [PendingAuditRow],
            then drafts: [AuditEvent.Draft],
            after previous: AuditEvent?,
            in tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> Sealing {
            var sealing = Sealing(pendingIDs: pending.compactMap(\.id))
            for draft in try pending.map({ try $0.draft() }) + drafts {
                sealing.events.append(draft.sealed(after: sealing.events.last ?? previous))
            }
            try await insertAuditEvents(
                sealing.events,
                pendingIDs: sealing.pendingIDs,
                into: tables,
                on: connection,
                logger: logger
            )
            return sealing
        }

        /// The head row as read, locked until the transaction ends.
        ///
        /// The head row carries the last event itself: under READ COMMITTED, a transaction that
        /// waited for the lock reads the head row as the previous holder left it, but any other table
        /// as it was when its statement began.
        struct HeadRow {
            let sequence: Int64
            let hash: String
            let lastEventJSON: String?

            /// The last event the row carries, checked against its sequence number and hash.
            func lastEvent() throws(StoreError) -> AuditEvent? {
                let previous = try lastEventJSON.map { text throws(StoreError) in
                    try AuditEventRow.event(fromJSON: text)
                }
                guard (previous?.sequence ?? 0) == sequence, (previous?.hash ?? AuditEvent.genesisHash) == hash else {
                    throw StoreError(.corruptStorage, "the head of the audit chain does not match its last event")
                }
                return previous
            }
        }

        /// Leaves `drafts` in `audit_pending`, in order; returns their ids.
        static func insertPending(
            _ drafts: [AuditEvent.Draft],
            into tables: Tables,
            on connection: PostgresConnection,
            logger: Logger
        ) async throws -> [Int64] {
            let json = String(decoding: try JSONEncoder().encode(drafts.map(PendingAuditRow.init)), as: UTF8.self)
            let rows = try await connection.query(
                """
                INSERT INTO \(unescaped: tables.auditPending)
                    (at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                     patient_id, purpose, detail)
                SELECT at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                    patient_id, purpose, detail
                FROM ROWS FROM (
                        jsonb_to_recordset(\(json)::jsonb)
                        AS (at_epoch_ms bigint, staff_name text, staff_personal_id text, staff_role text,
                            action text, record_kind text, record_id uuid, patient_id uuid, purpose text,
                            detail text)
                    ) WITH ORDINALITY
                    AS r(at_epoch_ms, staff_name, staff_personal_id, staff_role, action, record_kind, record_id,
                         patient_id, purpose, detail, position)
                ORDER BY position
                RETURNING id
                """,
                logger: logger
            )
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return ids.sorted()
        }

        /// The events a committed transaction left pending, once sealed: waits for the sealer at
        /// work, and seals them (with every other pending event) when it did not.
        func sealedEvents(pending ids: [Int64]) async throws(StoreError) -> [AuditEvent] {
            guard !ids.isEmpty else { return [] }
            let tables = self.tables
            let logger = self.logger
            var emptySealings = 0
            while true {
                let texts: [String]
                do {
                    texts = try await withConnection { connection in
                        // Granted once no transaction holds the sealer lock: whatever was sealing
                        // when this desk committed has ended (committed or rolled back).
                        try await connection.query(
                            "SELECT pg_advisory_xact_lock_shared(hashtext(\(tables.sealerLock)))",
                            logger: logger
                        )
                        return try await Self.auditTexts(
                            connection.query(
                                """
                                SELECT to_jsonb(e)::text FROM \(unescaped: tables.auditEvents) AS e
                                WHERE e.pending_id = ANY(\(ids)) ORDER BY e.sequence
                                """,
                                logger: logger
                            )
                        )
                    }
                } catch {
                    throw TransactionFailure(error).storeError
                }
                if texts.count == ids.count { return try Self.auditEvents(fromJSON: texts) }
                // Still pending: this desk seals them, and whatever else waits with them.
                let sealing = try await sealWaiting()
                let mine = Set(ids)
                let sealed = zip(sealing.pendingIDs, sealing.events).filter { mine.contains($0.0) }.map(\.1)
                if sealed.count == ids.count { return sealed }
                // Nothing pending twice running, yet these events are not in the chain.
                emptySealings = sealing.events.isEmpty ? emptySealings + 1 : 0
                guard emptySealings < 2 else {
                    throw StoreError(.corruptStorage, "pending audit events were neither sealed nor kept")
                }
            }
        }

        /// Seals the oldest pending events in a transaction of its own, waiting for the sealer
        /// lock; writes nothing when none are pending.
        @discardableResult
        func sealWaiting() async throws(StoreError) -> Sealing {
            let tables = self.tables
            let logger = self.logger
            return try await inTransaction("sealing pending audit events") { connection in
                // The sealing waits for its own flush, as every commit does: the positions and
                // hashes a receipt reports are then the ones the trail keeps after a crash.
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext(\(tables.sealerLock)))",
                    logger: logger
                )
                return try await Self.sealPending(in: tables, on: connection, logger: logger)
            }
        }

        /// Seals every event that was pending when this was called: those a desk left and could
        /// not seal (its process ended first). Called before the trail is read.
        func sealLeftovers() async throws(StoreError) {
            guard let last = try await pendingID("max") else { return }
            while let oldest = try await pendingID("min"), oldest <= last {
                try await sealWaiting()
            }
        }

        /// The newest (`max`) or oldest (`min`) id of the events pending, `nil` when none is.
        private func pendingID(_ aggregate: String) async throws(StoreError) -> Int64? {
            let tables = self.tables
            let logger = self.logger
            do {
                return try await withConnection { connection in
                    let rows = try await connection.query(
                        "SELECT \(unescaped: aggregate)(id) FROM \(unescaped: tables.auditPending)",
                        logger: logger
                    )
                    var found: Int64?
                    for try await value in rows.decode(Int64?.self) { found = value }
                    return found
                }
            } catch {
                throw TransactionFailure(error).storeError
            }
        }
    }
#endif
