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
            /// CPU time spent during the step.
            let cpu: ProcessCPU.Sample
            let megabytes: Double?

            /// The table's header.
            static let markdownHeader = """
                | step | records | seconds | client CPU s | server CPU s | peak RSS so far (MB) |
                |---|---:|---:|---:|---:|---:|
                """

            /// A table row; the client's CPU is this process's and its children's (the baseline's
            /// tools), the memory the process's peak so far (VmHWM).
            var markdownRow: String {
                let count = records.map(String.init) ?? ""
                let memory = megabytes.map { String(format: "%.1f", $0) } ?? ""
                let server = cpu.server.map { String(format: "%.2f", $0) } ?? ""
                let client = String(format: "%.2f", cpu.client + cpu.children)
                return "| \(name) | \(count) | \(String(format: "%.2f", seconds)) | \(client) | \(server) | \(memory) |"
            }
        }

        /// Runs `body` as one step, timing it and the CPU it and the server use.
        private func measure(
            _ name: String,
            _ cpu: ProcessCPU,
            memory: Bool = true,
            _ body: () async throws -> Int?
        ) async throws -> Step {
            let before = cpu.sample()
            let start = ContinuousClock.now
            let records = try await body()
            let seconds = (ContinuousClock.now - start).seconds
            return Step(
                name: name,
                records: records,
                seconds: seconds,
                cpu: cpu.sample().since(before),
                megabytes: memory ? Self.peakMegabytes() : nil
            )
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
            let cpu = try await ProcessCPU.server(of: client, logger: logger)
            steps.append(
                try await measure("archive import (ArchiveReader.restore)", cpu) {
                    try await ArchiveReader.restore(from: archive, into: store).total
                }
            )
            steps.append(
                try await measure("archive export (ArchiveWriter.export)", cpu) {
                    try await ArchiveWriter.export(
                        store,
                        to: folder.appendingPathComponent("again.gz"),
                        by: try Self.access()
                    ).total
                }
            )

            let dump = folder.appendingPathComponent("dump.sql.gz").path
            let dumped = try await measure("baseline: pg_dump \\| gzip", cpu, memory: false) {
                try Self.shell("pg_dump --schema=\(schema) --no-owner '\(url)' | gzip -6 > '\(dump)'")
                return nil
            }
            try await client.query("CREATE DATABASE \(unescaped: database)", logger: logger)
            let target = try Self.url(url, database: database)
            steps.append(
                try await measure("baseline: gunzip \\| psql (pg_dump of the schema)", cpu, memory: false) {
                    try Self.shell("gunzip -c '\(dump)' | psql -q -v ON_ERROR_STOP=1 '\(target)' > /dev/null")
                    return nil
                }
            )
            steps.append(dumped)
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

        /// Runs a shell pipeline to its end.
        static func shell(_ command: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "set -o pipefail; " + command]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw OptionError("failed: \(command)") }
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
