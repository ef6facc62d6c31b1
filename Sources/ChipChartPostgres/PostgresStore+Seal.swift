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
    ///
    /// The chaining itself runs on the server (`Schemas/postgres/0005_audit_seal_on_server.sql`):
    /// appending is one statement, and sealing waiting events one `CALL` that commits before it
    /// answers, so the lock is never held across a round trip to this process.
    extension PostgresStore {
        /// How many pending events one sealing transaction chains at most.
        static let sealBatchSize = 1000

        /// In the caller's transaction, after its changes: seals `drafts` into the chain, behind
        /// the events already pending, when no other transaction is sealing; otherwise leaves them
        /// pending. Never waits for another transaction. One statement.
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
            let json = String(decoding: try JSONEncoder().encode(drafts.map(AuditRowContent.init)), as: UTF8.self)
            let rows = try await connection.query(
                """
                SELECT pending_id, event
                FROM \(unescaped: tables.auditAppend)(\(tables.sealerLock), \(json)::jsonb, \(alone), \(sealBatchSize)::integer)
                """,
                logger: logger
            )
            var pendingIDs: [Int64] = []
            var sealed: [String] = []
            for try await (id, event) in rows.decode((Int64?, String?).self) {
                if let event {
                    sealed.append(event)
                } else if let id {
                    pendingIDs.append(id)
                }
            }
            guard sealed.isEmpty else { return .sealed(Array(try auditEvents(fromJSON: sealed).suffix(drafts.count))) }
            return .pending(pendingIDs.sorted())
        }

        /// The events a committed transaction left pending, once sealed: waits for the sealer at
        /// work, seals every pending event (its own among them) unless none is left, and returns
        /// its own as sealed, whoever sealed them.
        func sealedEvents(pending ids: [Int64]) async throws(StoreError) -> [AuditEvent] {
            guard !ids.isEmpty else { return [] }
            while true {
                let sealing = try await sealWaiting(mine: ids)
                if sealing.mine.count == ids.count { return sealing.mine }
                // Neither in the chain nor waiting: removed from audit_pending by someone else.
                guard sealing.mine.count + sealing.waiting == ids.count else {
                    throw StoreError(.corruptStorage, "pending audit events were neither sealed nor kept")
                }
            }
        }

        /// What one sealing transaction reports about the pending events it was asked about.
        struct Sealing: Sendable {
            /// Those already sealed (by it or an earlier sealing), in order.
            var mine: [AuditEvent]
            /// How many are still pending, behind more than ``PostgresStore/sealBatchSize`` others.
            var waiting: Int
        }

        /// Seals the oldest pending events in a transaction of its own, on the server, waiting for
        /// the sealer lock; the transaction is on disk before it answers. Writes nothing when none
        /// are pending.
        func sealWaiting(mine ids: [Int64] = []) async throws(StoreError) -> Sealing {
            let tables = self.tables
            let logger = self.logger
            let answer: (String, Int)?
            do {
                answer = try await withConnection { connection in
                    let rows = try await connection.query(
                        """
                        CALL \(unescaped: tables.auditSealPending)(
                            \(tables.schemaName), \(tables.sealerLock), \(ids), \(Self.sealBatchSize)::integer, NULL, NULL)
                        """,
                        logger: logger
                    )
                    var answer: (String, Int)?
                    for try await row in rows.decode((String, Int).self) { answer = row }
                    return answer
                }
            } catch {
                throw TransactionFailure(error).storeError
            }
            guard let (json, waiting) = answer else {
                throw StoreError(.storageFailure, "sealing the pending audit events gave no answer")
            }
            return Sealing(mine: try Self.auditEvents(fromJSONArray: json), waiting: waiting)
        }

        /// Seals every event that was pending when this was called: those a desk left and could
        /// not seal (its process ended first). Called before the trail is read.
        func sealLeftovers() async throws(StoreError) {
            let tables = self.tables
            let logger = self.logger
            let waiting: [Int64]
            do {
                waiting = try await withConnection { connection in
                    let rows = try await connection.query(
                        "SELECT id FROM \(unescaped: tables.auditPending) ORDER BY id",
                        logger: logger
                    )
                    var ids: [Int64] = []
                    for try await id in rows.decode(Int64.self) { ids.append(id) }
                    return ids
                }
            } catch {
                throw TransactionFailure(error).storeError
            }
            while !waiting.isEmpty, try await sealWaiting(mine: waiting).waiting > 0 {}
        }
    }
#endif
