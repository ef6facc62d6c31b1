#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "A restore into an empty schema builds its secondary indexes and foreign keys after the rows",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresRestoreStructureTests {
        /// One index or foreign key of a schema: its definition, and the catalog entry that holds it
        /// (a new one when it was made again).
        struct Part: Hashable {
            let name: String
            let definition: String
            let entry: Int64
            let isUnique: Bool
        }

        /// Every index and foreign key of the store's schema, by name.
        static func parts(of store: PostgresStore) async throws -> [String: Part] {
            let client = try #require(PostgresTestServer.shared)
            let schema = store.tables.schema
            let rows = try await client.query(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), i.indexrelid::int8,
                        i.indisunique OR i.indisprimary
                    FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
                    WHERE c.relnamespace = \(schema)::regnamespace
                UNION ALL
                SELECT f.conrelid::regclass::text || '.' || f.conname, pg_get_constraintdef(f.oid), f.oid::int8, false
                    FROM pg_constraint AS f WHERE f.connamespace = \(schema)::regnamespace AND f.contype = 'f'
                """
            )
            var parts: [String: Part] = [:]
            for try await (name, definition, entry, isUnique) in rows.decode((String, String, Int64, Bool).self) {
                parts[name] = Part(name: name, definition: definition, entry: entry, isUnique: isUnique)
            }
            return parts
        }

        static func records(patients: Int) async throws -> [ArchiveRecord] {
            let source = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(source, patients: patients)
            return try await ArchivableStoreConformance.allRecords(of: source, pageSize: 1_000)
        }

        @Test("the same definitions after the restore; the non-unique indexes and foreign keys are new, the rest kept")
        func madeAgain() async throws {
            let records = try await Self.records(patients: 20)
            let target = try await PostgresTestServer.freshStore("structure")
            let before = try await Self.parts(of: target)
            #expect(before.values.contains { !$0.isUnique && $0.definition.contains("FOREIGN KEY") })
            #expect(before.values.contains { !$0.isUnique && $0.definition.hasPrefix("CREATE INDEX") })
            var iterator = records.makeIterator()
            try await target.restore { iterator.next() }
            let after = try await Self.parts(of: target)
            #expect(after.mapValues(\.definition) == before.mapValues(\.definition))
            for (name, part) in before {
                let made = try #require(after[name])
                if part.isUnique {
                    #expect(made.entry == part.entry, "\(name) is kept: it refuses a record held twice as it arrives")
                } else {
                    #expect(made.entry != part.entry, "\(name) is made again after the rows")
                }
            }
            #expect(try await ArchivableStoreConformance.allRecords(of: target, pageSize: 7) == records)
            #expect(try await target.verifyAuditTrail().isIntact)
        }

        @Test("records that refer to a missing patient are refused, and the schema keeps all it had")
        func missingReference() async throws {
            let records = try await Self.records(patients: 4)
            let target = try await PostgresTestServer.freshStore("structuremissing")
            let before = try await Self.parts(of: target)
            // The first patient is left out; their coverage and visit still refer to them.
            var iterator = records.dropFirst().makeIterator()
            await #expect {
                try await target.restore { iterator.next() }
            } throws: { error in
                (error as? StoreError)?.code == .missingRecord
            }
            #expect(try await Self.parts(of: target) == before, "the rollback keeps every index and foreign key")
            #expect(try await target.allPatients(after: nil, limit: 10).isEmpty)
            var again = records.makeIterator()
            try await target.restore { again.next() }
            #expect(try await ArchivableStoreConformance.allRecords(of: target, pageSize: 50) == records)
        }
    }
#endif
