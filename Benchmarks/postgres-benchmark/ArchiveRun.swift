#if PostgreSQL
    import ChipChart
    import ChipChartArchive
    import ChipChartPostgres
    import Foundation
    import Logging
    import PostgresNIO

    /// A whole clinic into PostgreSQL and out again through an archive file, beside PostgreSQL's
    /// own tools moving the same rows: `gunzip | psql` of a `pg_dump`, and `pg_dump | gzip`.
    ///
    /// The archive is restored into a fresh schema with ``ArchiveReader``, exported again with
    /// ``ArchiveWriter``; the schema is then dumped with `pg_dump` and the dump loaded into a fresh
    /// database with `psql`. Both databases are dropped afterwards.
    struct ArchiveRun {
        let archive: URL
        let url: String
        let client: PostgresClient

        struct Step {
            let name: String
            let records: Int?
            let seconds: Double
            let megabytes: Double?

            /// A table row; the memory is the process's peak so far (VmHWM).
            var markdownRow: String {
                let count = records.map(String.init) ?? ""
                let memory = megabytes.map { String(format: "%.1f", $0) } ?? ""
                return "| \(name) | \(count) | \(String(format: "%.2f", seconds)) | \(memory) |"
            }
        }

        func run() async throws -> [Step] {
            let logger = Logger(label: "postgres-benchmark")
            let schema = "bench_archive_\(UInt32.random(in: 0...UInt32.max))"
            let database = "bench_dump_\(UInt32.random(in: 0...UInt32.max))"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(schema)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var steps: [Step] = []

            let store = try await PostgresStore.open(client: client, schema: schema)
            var start = ContinuousClock.now
            let restored = try await ArchiveReader.restore(from: archive, into: store)
            steps.append(
                Step(
                    name: "archive import (ArchiveReader.restore)",
                    records: restored.total,
                    seconds: (ContinuousClock.now - start).seconds,
                    megabytes: Self.peakMegabytes()
                )
            )
            start = ContinuousClock.now
            let exported = try await ArchiveWriter.export(
                store,
                to: folder.appendingPathComponent("again.gz"),
                by: try Self.access()
            )
            steps.append(
                Step(
                    name: "archive export (ArchiveWriter.export)",
                    records: exported.total,
                    seconds: (ContinuousClock.now - start).seconds,
                    megabytes: Self.peakMegabytes()
                )
            )

            let dump = folder.appendingPathComponent("dump.sql.gz").path
            let dumpSeconds = try Self.shell("pg_dump --schema=\(schema) --no-owner '\(url)' | gzip -6 > '\(dump)'")
            try await client.query("CREATE DATABASE \(unescaped: database)", logger: logger)
            let target = try Self.url(url, database: database)
            let loadSeconds = try Self.shell(
                "gunzip -c '\(dump)' | psql -q -v ON_ERROR_STOP=1 '\(target)' > /dev/null"
            )
            steps.append(
                Step(
                    name: "baseline: gunzip \\| psql (pg_dump of the schema)",
                    records: nil,
                    seconds: loadSeconds,
                    megabytes: nil
                )
            )
            steps.append(Step(name: "baseline: pg_dump \\| gzip", records: nil, seconds: dumpSeconds, megabytes: nil))
            try await client.query("DROP DATABASE \(unescaped: database)", logger: logger)
            try await client.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: logger)
            return steps
        }

        static func access() throws -> Access {
            let staff = Staff(
                name: try PersonName("Quản Trị"),
                personalID: try PersonalID("001000000000"),
                role: .system
            )
            return Access(by: staff, purpose: "backup")
        }

        /// The URL with another database.
        static func url(_ url: String, database: String) throws -> String {
            guard var components = URLComponents(string: url) else { throw OptionError("not a URL: \(url)") }
            components.path = "/" + database
            return components.string ?? url
        }

        /// Runs a shell pipeline and returns how long it took.
        static func shell(_ command: String) throws -> Double {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "set -o pipefail; " + command]
            let start = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw OptionError("failed: \(command)") }
            return (ContinuousClock.now - start).seconds
        }

        /// This process's peak resident memory (VmHWM) in megabytes.
        static func peakMegabytes() -> Double? {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                return (line.split(separator: " ").compactMap { Double($0) }.first).map { $0 / 1024 }
            }
            return nil
        }
    }
#endif
