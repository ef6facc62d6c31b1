#if PostgreSQL
    import ChipChart
    import ChipChartArchive
    import ChipChartPostgres
    import ChipChartSQLite
    import ChipChartTesting
    import Foundation
    import Synchronization
    import Testing

    @Suite(
        "A clinic moves between SQLite and PostgreSQL through an archive file",
        .enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.howToRun),
        .timeLimit(.minutes(2))
    )
    struct PostgresArchiveTests {
        static func folder() throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("pg-archive-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }

        static func access(_ purpose: String) throws -> Access {
            let staff = Staff(
                name: try PersonName("Quản Trị"),
                personalID: try PersonalID("001000000000"),
                role: .system
            )
            return Access(by: staff, purpose: purpose)
        }

        /// Exports `source` to a file, restores the file into `target`, and checks that the target
        /// lists the same records and the same audit chain.
        static func move(
            _ source: any ArchivableStore,
            into target: any ArchivableStore,
            folder: URL
        ) async throws -> ArchiveRecord.Counts {
            let file = folder.appendingPathComponent("move.gz")
            try await ArchiveWriter.export(source, to: file, by: try access("moving the clinic"), pageSize: 50)
            let counts = try await ArchiveReader.restore(from: file, into: target)
            #expect(
                try await ArchivableStoreConformance.allRecords(of: target)
                    == (try await ArchivableStoreConformance.allRecords(of: source))
            )
            let trail = try await target.verifyAuditTrail()
            #expect(trail.isIntact)
            #expect(trail == (try await source.verifyAuditTrail()))
            return counts
        }

        @Test("SQLite → PostgreSQL: every record and the audit chain arrive, and the desks carry on")
        func sqliteToPostgres() async throws {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let clinic = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
            try await ArchivableStoreConformance.fillWithSamples(clinic, patients: 40)
            let server = try await PostgresTestServer.freshStore("fromsqlite")
            let counts = try await Self.move(clinic, into: server, folder: folder)
            #expect(counts.patients == 40 && counts.visits == 40)

            // The chain continues from the restored head: a read and a new patient append after it.
            let access = try Self.access("reception")
            let patient = try #require(try await server.allPatients(after: nil, limit: 1).first)
            #expect(try await server.patient(patient.id, for: access) == patient)
            var corrected = patient
            corrected.demographics.phone = "0987654321"
            var changes = ChangeSet(access)
            changes.save(corrected)
            try await server.commit(changes)
            let trail = try await server.verifyAuditTrail()
            #expect(trail.isIntact)
            #expect(
                trail.eventCount == counts.auditEvents + 2,
                "the read and the correction follow the restored events"
            )
        }

        @Test(
            "PostgreSQL → SQLite or PostgreSQL: a trail of several chains gives the same store, verifies, and goes on"
        )
        func postgresToSQLite() async throws {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let server = try await PostgresTestServer.freshStore("tosqlite")
            try await ArchivableStoreConformance.fillWithSamples(server, patients: 30)
            // Desks committing at once: the trail becomes several chains tied by checkpoints.
            try await withThrowingTaskGroup(of: Void.self) { desks in
                for desk in 0..<8 {
                    desks.addTask {
                        for turn in 0..<3 {
                            try await PostgresAuditChainTests.commitPatient(5000 + desk * 3 + turn, to: server)
                        }
                    }
                }
                try await desks.waitForAll()
            }
            let events = try await server.auditEvents(after: 0, limit: 10_000)
            #expect(events.contains { $0.action == .checkpoint }, "the desks met: the trail has checkpoints")
            let clinic = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
            let other = try await PostgresTestServer.freshStore("chainsback")
            for target in [clinic, other] as [any ArchivableStore] {
                let counts = try await Self.move(server, into: target, folder: folder)
                #expect(counts.patients == 30 + 24)
                try await PostgresAuditChainTests.commitPatient(6000, to: target)
                let trail = try await target.verifyAuditTrail()
                #expect(trail.isIntact, "\(trail)")
            }
            let withHeads = try await other.verifyAuditTrail()
            #expect(withHeads.isIntact, "the rebuilt head rows match the restored chains: \(withHeads)")
        }

        @Test("a restore larger than one batch of each kind keeps every record and the order of coverages")
        func restoreAcrossBatches() async throws {
            let source = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(source, patients: 1_100)
            let records = try await ArchivableStoreConformance.allRecords(of: source, pageSize: 1_000)
            let target = try await PostgresTestServer.freshStore("batches")
            var iterator = records.makeIterator()
            let counts = try await target.restore { iterator.next() }
            #expect(counts.total == records.count)
            #expect(
                counts.patients > 1_000 && counts.auditEvents > 2 * 1_000,
                "more than one batch (1,000 records) of each"
            )
            #expect(try await ArchivableStoreConformance.allRecords(of: target, pageSize: 333) == records)
            #expect(try await target.verifyAuditTrail() == (try await source.verifyAuditTrail()))
        }

        @Test("a desk that reads during a restore waits for it, and its audit event follows the restored chain")
        func deskDuringRestore() async throws {
            let source = InMemoryStore()
            try await ArchivableStoreConformance.fillWithSamples(source, patients: 600)
            let records = try await ArchivableStoreConformance.allRecords(of: source, pageSize: 1_000)
            let target = try await PostgresTestServer.freshStore("duringrestore")
            let started = Mutex(false)
            let restore = Task {
                var iterator = records.makeIterator()
                return try await target.restore {
                    started.withLock { $0 = true }
                    return iterator.next()
                }
            }
            while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(1)) }
            let patient = try #require(records.first.flatMap { if case .patient(let p) = $0 { p } else { nil } })
            let key = try #require(patient.identifiers.first?.key)
            _ = try await target.patient(identifiedBy: key, for: try Self.access("reception"))
            let counts = try await restore.value
            let trail = try await target.verifyAuditTrail()
            #expect(trail.isIntact)
            // The read, then a checkpoint: the restored trail has more than 1,000 events and none.
            let appended = try await target.auditEvents(after: Int64(counts.auditEvents), limit: 5)
            #expect(
                appended.dropFirst().map(\.action) == [.checkpoint],
                "the desk's read is appended after the restore"
            )
            #expect(trail.eventCount == counts.auditEvents + appended.count)
            #expect(appended.first?.purpose == "reception")
        }
    }
#endif
