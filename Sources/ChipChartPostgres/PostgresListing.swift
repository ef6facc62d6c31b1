#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// Whole-store listings, page by page in a fixed order, not audited: on one connection inside
    /// the `REPEATABLE READ`, `READ ONLY` transaction ``PostgresStore/withSnapshot(_:)`` holds, so
    /// every page reads the same snapshot, or on the pool, each page on a connection of its own
    /// (``PostgresStore``'s own listings).
    struct PostgresListing: ArchiveListing {
        /// Where the queries run.
        enum Runner {
            /// One connection, in the transaction of a snapshot.
            case connection(PostgresConnection)
            /// Any connection of the pool, outside a transaction.
            case pool(PostgresClient)
        }

        let runner: Runner
        let tables: Tables
        let logger: Logger

        func allPatients(after id: PatientID?, limit: Int) async throws -> [Patient] {
            try await listing(Patient.self, PostgresStore.patientsQuery(tables, after: id, limit: limit))
        }

        func allCoverages(after id: CoverageID?, limit: Int) async throws -> [Coverage] {
            try await listing(Coverage.self, PostgresStore.coveragesQuery(tables, after: id, limit: limit))
        }

        func allVisits(after id: VisitID?, limit: Int) async throws -> [Visit] {
            try await listing(Visit.self, PostgresStore.visitsQuery(tables, after: id, limit: limit))
        }

        func auditEvents(after sequence: Int64, limit: Int) async throws -> [AuditEvent] {
            do {
                let query = PostgresStore.auditEventsQuery(tables, after: sequence, limit: limit)
                return try await PostgresStore.auditEvents(self.query(query))
            } catch {
                throw TransactionFailure(error).storeError
            }
        }

        /// The rows `query` returns, run where this listing runs.
        func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
            switch runner {
            case .connection(let connection): try await connection.query(query, logger: logger)
            case .pool(let client): try await client.query(query, logger: logger)
            }
        }

        /// The records of one listing query, read directly (``StoredDocumentReader``).
        func listing<Record: StoredDocument>(
            _ recordType: Record.Type,
            _ query: PostgresQuery
        ) async throws(StoreError) -> [Record] {
            do {
                var reader = StoredDocumentReader()
                return try await reader.records(Record.self, from: self.query(query))
            } catch {
                throw TransactionFailure(error).storeError
            }
        }
    }
#endif
