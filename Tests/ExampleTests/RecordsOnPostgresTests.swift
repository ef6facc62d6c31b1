#if PostgreSQL
    import ChipChart
    import ChipChartPostgres
    import ChipChartSQLite
    import ChipChartTesting
    import Foundation
    import Logging
    import PostgresNIO
    import Testing
    import TestSupport

    /// The server `.ci/run` starts, from `CHIPCHART_POSTGRES_URL`.
    enum PostgresServer {
        static let url = ProcessInfo.processInfo.environment["CHIPCHART_POSTGRES_URL"].flatMap {
            $0.isEmpty ? nil : $0
        }
    }

    @Suite(
        "records moves a clinic from SQLite to PostgreSQL and back, run as built",
        .enabled(
            if: PostgresServer.url != nil,
            "set CHIPCHART_POSTGRES_URL=postgres://USER@127.0.0.1:PORT/DATABASE?sslmode=disable (.ci/run starts a throwaway server)"
        ),
        .timeLimit(.minutes(2))
    )
    struct RecordsOnPostgresTests {
        /// A new, empty database on the test server, and its URL.
        static func freshDatabase() async throws -> String {
            let url = try #require(PostgresServer.url)
            let name = "records_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            let client = PostgresClient(configuration: try PostgresStore.clientConfiguration(url: url))
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                try await client.query("CREATE DATABASE \(unescaped: name)", logger: Logger(label: "records-test"))
                group.cancelAll()
            }
            var components = try #require(URLComponents(string: url))
            components.path = "/" + name
            return try #require(components.string)
        }

        @Test func aClinicMovesToPostgresAndBack() async throws {
            let folder = try await RecordsCommandTests.clinic()
            let server = try await Self.freshDatabase()
            let staff = ["--staff", RecordsCommandTests.staff]
            let backup = try await RecordsCommandTests.records(
                ["backup", "--db", "clinic.sqlite", "--out", "clinic.gz"] + staff,
                in: folder
            )
            #expect(backup.status == 0, "\(backup.standardError)")

            let restore = try await RecordsCommandTests.records(["restore", "--db", server, "clinic.gz"], in: folder)
            #expect(restore.status == 0, "\(restore.standardError)")
            #expect(restore.standardOutput.hasPrefix("4 patients, 6 coverages, 4 visits"))
            let again = try await RecordsCommandTests.records(["restore", "--db", server, "clinic.gz"], in: folder)
            #expect(again.status == 65)
            #expect(again.standardError.hasPrefix("error: db:"))

            // The same claims come out of either database.
            for (db, out) in [("clinic.sqlite", "sqlite.xml"), (server, "postgres.xml")] {
                let claims = try await RecordsCommandTests.records(
                    ["claims", "--db", db, "--from", "2026-03-02", "--to", "2026-03-05", "--out", out] + staff,
                    in: folder
                )
                #expect(claims.status == 0, "\(claims.standardError)")
            }
            let fromSQLite = try Data(contentsOf: folder.appendingPathComponent("sqlite.xml"))
            #expect(fromSQLite.count > 1_000)
            #expect(try Data(contentsOf: folder.appendingPathComponent("postgres.xml")) == fromSQLite)

            // And back: the PostgreSQL database's archive restores into a new file with the same records.
            let back = try await RecordsCommandTests.records(
                ["backup", "--db", server, "--out", "back.gz"] + staff,
                in: folder
            )
            #expect(back.status == 0, "\(back.standardError)")
            let home = try await RecordsCommandTests.records(["restore", "--db", "back.sqlite", "back.gz"], in: folder)
            #expect(home.status == 0, "\(home.standardError)")
            let original = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
            let returned = try SQLiteStore(path: folder.appendingPathComponent("back.sqlite").path)
            let records = { (store: SQLiteStore) in
                try await ArchivableStoreConformance.allRecords(of: store).filter {
                    if case .auditEvent = $0 { false } else { true }
                }
            }
            #expect(try await records(returned) == (try await records(original)))
            #expect(try await returned.verifyAuditTrail().isIntact)
        }
    }
#endif
