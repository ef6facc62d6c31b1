// Check-in throughput of the PostgreSQL store with 1, 4 and 16 concurrent desks, beside a
// baseline that sends the same SQL straight through PostgresNIO in one transaction, its audit rows
// numbered by a PostgreSQL sequence instead of a hash chain (no encoding, no sealing), and
// beside the same check-in through the SQLite store (all desks sharing one file).
//
//     CHIPCHART_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/bench?sslmode=disable \
//         swift run --package-path Benchmarks -c release --traits PostgreSQL postgres-benchmark --seconds 10 --desks 1,4,16
//
// Each check-in is one new person at a desk: a lookup by personal ID (audited) and one commit of
// patient, coverage and visit (audited). Every run starts in a fresh schema, dropped afterwards.
//
// With `--returning` each desk's check-ins are of people already stored (64 a desk, loaded before
// the timed part, each seen in turn): a lookup by personal ID and a read of the coverages
// (audited), one commit of a new visit applying the stored coverage, the patient and coverage
// unchanged (audited), and one commit of the visit closed (audited), through the store only.
//
// With `--archive FILE.gz` (an archive from `records backup` or archive-benchmark) it moves that
// clinic into PostgreSQL and out again instead, beside `gunzip | psql` and `pg_dump | gzip`:
//
//     swift run --package-path Benchmarks -c release --traits PostgreSQL postgres-benchmark --archive /tmp/archive-benchmark/store.gz

#if PostgreSQL
    import ChipChartPostgres
    import Foundation
    import Logging
    import PostgresNIO

    var options = BenchmarkOptions()
    do {
        options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    } catch {
        print("postgres-benchmark: \(error)")
        print("usage: postgres-benchmark [--url URL] [--seconds N] [--desks 1,4,16] [--returning] [--archive FILE.gz]")
        exit(2)
    }
    guard let url = options.url ?? ProcessInfo.processInfo.environment["CHIPCHART_POSTGRES_URL"] else {
        print("postgres-benchmark: give --url postgres://USER@HOST:PORT/DATABASE or set CHIPCHART_POSTGRES_URL")
        exit(2)
    }
    var configuration = try PostgresStore.clientConfiguration(url: url)
    configuration.options.maximumConnections = (options.desks.max() ?? 1) + 2
    let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "postgres-benchmark"))
    let runner = Task { await client.run() }
    try await Task.sleep(for: .milliseconds(100))

    if let archive = options.archive {
        let steps = try await ArchiveRun(archive: URL(fileURLWithPath: archive), url: url, client: client).run()
        print(ArchiveRun.Step.markdownHeader)
        for step in steps { print(step.markdownRow) }
        runner.cancel()
        exit(0)
    }

    print(
        "| workload | desks | check-ins | ops/s | median ms | p95 ms "
            + "| client CPU ms/check-in | server CPU ms/check-in | checkpoints/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    var personOffset = 0
    for desks in options.desks {
        for workload in options.returning ? [.returning] : Workload.checkIns {
            let result = try await BenchmarkRun(
                workload: workload,
                desks: desks,
                duration: .seconds(options.seconds),
                personOffset: personOffset,
                client: client
            ).run()
            personOffset += result.checkIns + desks
            print(result.markdownRow)
        }
    }
    runner.cancel()
#else
    print(
        "postgres-benchmark needs the PostgreSQL trait: "
            + "swift run --package-path Benchmarks --traits PostgreSQL postgres-benchmark"
    )
#endif
