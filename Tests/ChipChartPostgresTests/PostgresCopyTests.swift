#if PostgreSQL
    import ChipChart
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing

    @testable import ChipChartPostgres

    @Suite(
        "PostgresStore's restore sends rows with COPY, as a commit would write them",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresCopyTests {
        @Test(
            "a time copied as text is the very timestamptz to_timestamp gives",
            arguments: [
                0, 1_764_400_000.123_456, 1_764_400_000.123_456_5, 1_764_400_000.999_999_9, -1.5,
                -86_400.000_001, 951_782_400.5, 4_102_444_799.999_999, 1_000_000_000.000_000_5,
            ]
        )
        func timestamps(_ seconds: Double) async throws {
            let client = try #require(PostgresTestServer.shared)
            var text = CopyText()
            text.field(timestamp: seconds)
            let copied = String(buffer: text.buffer)
            let rows = try await client.query("SELECT \(copied)::timestamptz = to_timestamp(\(seconds)), \(copied)")
            var same = false
            for try await (equal, _) in rows.decode((Bool, String).self) { same = equal }
            #expect(same, "\(copied)")
        }

        @Test("text with tabs, newlines, backslashes and Vietnamese survives COPY's escaping")
        func escaping() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await PostgresTestServer.freshStore("copyescape")
            let staff = Staff(name: try PersonName("Nguyễn Văn Ánh"), personalID: try PersonalID("001190000001"))
            let detail = "tab\there\nnew line\\backslash \\N \r đã xong"
            let event = AuditEvent.Draft(at: Date(), staff: staff, action: .read, purpose: "kiểm tra", detail: detail)
                .sealed(after: nil)
            let tables = store.tables
            let logger = store.logger
            try await client.withConnection { connection in
                try await PostgresStore.transaction(on: connection, logger: logger) { connection in
                    try await connection.query("SET LOCAL search_path TO \(unescaped: tables.schema)", logger: logger)
                    try await PostgresStore.copy([event], into: "audit_events", on: connection, logger: logger)
                }
            }
            let stored = try await store.pages.auditEvents(after: 0, limit: 5)
            #expect(stored == [event])
        }

        @Test(
            "audit rows naming the staff member of the row before read as that member; a name stored otherwise is read anew"
        )
        func staffOfTheRowBefore() async throws {
            let client = try #require(PostgresTestServer.shared)
            let store = try await PostgresTestServer.freshStore("copystaff")
            let staff = Staff(name: try PersonName("Nguyễn Văn Ánh"), personalID: try PersonalID("001190000001"))
            let other = Staff(name: try PersonName("Trần Thị Bình"), personalID: try PersonalID("001190000002"))
            var events: [AuditEvent] = []
            for (index, member) in [staff, staff, other, staff, staff].enumerated() {
                let draft = AuditEvent.Draft(
                    at: Date(timeIntervalSince1970: 1_764_400_000 + Double(index)),
                    staff: member,
                    action: .read,
                    purpose: "kiểm tra"
                )
                events.append(draft.sealed(after: events.last))
            }
            let tables = store.tables
            let logger = store.logger
            let sealed = events
            try await client.withConnection { connection in
                try await PostgresStore.transaction(on: connection, logger: logger) { connection in
                    try await connection.query("SET LOCAL search_path TO \(unescaped: tables.schema)", logger: logger)
                    try await PostgresStore.copy(sealed, into: "audit_events", on: connection, logger: logger)
                }
            }
            #expect(try await store.pages.auditEvents(after: 0, limit: 10) == events)
            // The fifth row's name stored decomposed (NFD): not the bytes of the row before, so it
            // is read as any stored name is, normalised again.
            let decomposed = staff.name.text.decomposedStringWithCanonicalMapping
            #expect(!decomposed.utf8.elementsEqual(staff.name.text.utf8))
            try await client.query(
                "UPDATE \(unescaped: tables.auditEvents) SET staff_name = \(decomposed) WHERE sequence = \(events[4].sequence)"
            )
            let listed = try await store.pages.auditEvents(after: 0, limit: 10)
            #expect(listed.map(\.staff) == events.map(\.staff))
            // Byte for byte: `==` on strings takes the two forms of a name as equal.
            #expect(listed.map { Array($0.staff.name.text.utf8) } == events.map { Array($0.staff.name.text.utf8) })
        }

        @Test("a restore in batches smaller than each kind of record restores every record", arguments: [1, 7, 10_000])
        func batches(_ batchSize: Int) async throws {
            let source = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(source, patients: 12)
            let records = try await ArchivableStoreConformance.allRecords(of: source, pageSize: 100)
            let target = try await PostgresTestServer.freshStore("copybatch\(batchSize)")
            var iterator = records.makeIterator()
            let counts = try await target.restore(from: { iterator.next() }, batchSize: batchSize)
            #expect(counts.total == records.count)
            #expect(try await ArchivableStoreConformance.allRecords(of: target, pageSize: 9) == records)
            #expect(try await target.verifyAuditTrail().isIntact)
        }

        @Test("a restore holding one record twice fails as such, and leaves the schema empty")
        func repeatedRecord() async throws {
            let source = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(source, patients: 3)
            let records = try await ArchivableStoreConformance.allRecords(of: source, pageSize: 100)
            let first = try #require(records.first)
            let target = try await PostgresTestServer.freshStore("copytwice")
            var iterator = ([first] + records).makeIterator()
            await #expect {
                try await target.restore { iterator.next() }
            } throws: { error in
                (error as? StoreError)?.code == .invalidChangeSet && (error as? StoreError)?.recordKind == .patient
            }
            #expect(try await target.allPatients(after: nil, limit: 10).isEmpty)
        }
    }
#endif
