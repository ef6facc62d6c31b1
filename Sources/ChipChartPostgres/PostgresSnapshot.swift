#if PostgreSQL
    import ChipChart
    import Foundation
    import Logging
    import PostgresNIO

    /// The listing ``PostgresStore/withSnapshot(_:)`` lends: queries on one connection inside its
    /// `REPEATABLE READ`, `READ ONLY` transaction, so every page reads the same snapshot.
    struct PostgresSnapshot: ArchiveListing {
        let connection: PostgresConnection
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
            let texts: [String]
            do {
                let query = PostgresStore.auditEventsQuery(tables, after: sequence, limit: limit)
                texts = try await PostgresStore.auditTexts(connection.query(query, logger: logger))
            } catch {
                throw TransactionFailure(error).storeError
            }
            return try PostgresStore.auditEvents(fromJSON: texts)
        }

        private func listing<Record: Decodable & VersionedRecord>(
            _ recordType: Record.Type,
            _ query: PostgresQuery
        ) async throws(StoreError) -> [Record] {
            do {
                return try await PostgresStore.records(Record.self, from: connection.query(query, logger: logger))
            } catch {
                throw TransactionFailure(error).storeError
            }
        }
    }
#endif
