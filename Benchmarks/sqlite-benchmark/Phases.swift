import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation
import Logging

/// The work each child process measures, for one engine: the store or the C baseline.
enum Phase {
    static let quiet = Logger(label: "sqlite-benchmark", factory: { _ in SwiftLogNoOpLogHandler() })

    static func access(_ purpose: String) throws -> Access {
        Access(by: try Workload.population.staff(), purpose: purpose)
    }

    // MARK: - Bulk load

    /// What a load writes and how: a visit per patient or not (`--with-visits`), and into a new
    /// store built from the load (`SQLiteStore.create`, the default) or into a store opened first
    /// (`SQLiteStore.load`, `--into-open-store`).
    struct LoadShape {
        var withVisits: Bool
        var intoOpenStore: Bool
        /// SQLite's memory statistics turned off in the child before it opens a file
        /// (`--sqlite-memory-statistics-off`, for the store and the baseline alike).
        var memoryStatisticsOff: Bool

        init(_ arguments: [String]) {
            withVisits = arguments.contains("--with-visits")
            intoOpenStore = arguments.contains("--into-open-store")
            memoryStatisticsOff = arguments.contains("--sqlite-memory-statistics-off")
        }

        /// The flags that give this shape to a child process.
        var arguments: [String] {
            (withVisits ? ["--with-visits"] : []) + (intoOpenStore ? ["--into-open-store"] : [])
                + (memoryStatisticsOff ? ["--sqlite-memory-statistics-off"] : [])
        }

        var description: String {
            (withVisits ? "patient, personal ID, coverage, visit" : "patient, personal ID, coverage")
                + (intoOpenStore ? "; into an open store" : "; a new store built from the load")
                + (memoryStatisticsOff ? "; SQLite's memory statistics off" : "")
        }
    }

    static func loadStore(path: String, patients: Int, shape: LoadShape) async throws -> String {
        let access = try access("import")
        _ = Workload.pool  // generated before the clock starts
        let sets = (0..<patients).lazy.compactMap {
            Workload.registration($0, access: access, withVisit: shape.withVisits)
        }
        // A store to load into is opened (and its schema made) before the clock starts, as before.
        let store = shape.intoOpenStore ? try SQLiteStore(path: path, logger: quiet) : nil
        let cpu = cpuSeconds()
        let start = nanoseconds()
        let loaded: Int
        if let store {
            loaded = try await store.load(sets)
        } else {
            loaded = try await SQLiteStore.create(path: path, loading: sets, logger: quiet)
        }
        let seconds = Double(nanoseconds() - start) / 1e9
        return "RESULT loaded=\(loaded) seconds=\(seconds) cpu=\(cpuSeconds() - cpu) rss=\(peakResidentMegabytes())"
    }

    /// The baseline's load: the same statements as the store's load, in one transaction with the
    /// same page cache, the indexes of names and identifiers dropped first and built after the rows.
    /// For a new store, as `SQLiteStore.create` does: the journal in memory and nothing flushed
    /// during the load, then the file switched to write-ahead logging and flushed.
    static func loadBaseline(
        path: String,
        patients: Int,
        bodySizes: (Int, Int, Int),
        shape: LoadShape
    ) throws
        -> String
    {
        _ = try SQLiteStore(path: path, logger: quiet)  // the same schema, made by the store
        _ = Workload.poolNameKeys
        let cpu = cpuSeconds()
        let start = nanoseconds()
        try baselineLoad(path: path, patients: patients, bodySizes: bodySizes, shape: shape)
        if !shape.intoOpenStore {
            // The connection is closed: the file is flushed as the store flushes the file it built.
            let file = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            try file.synchronize()
            try file.close()
        }
        let seconds = Double(nanoseconds() - start) / 1e9
        return "RESULT loaded=\(patients) seconds=\(seconds) cpu=\(cpuSeconds() - cpu) rss=\(peakResidentMegabytes())"
    }

    private static func baselineLoad(path: String, patients: Int, bodySizes: (Int, Int, Int), shape: LoadShape) throws {
        let baseline = try Baseline(path: path, synchronous: shape.intoOpenStore ? "FULL" : "OFF", bodySizes: bodySizes)
        if !shape.intoOpenStore { try baseline.exec("PRAGMA journal_mode = MEMORY") }
        try baseline.exec("PRAGMA cache_size = -65536")
        try baseline.run("BEGIN IMMEDIATE")
        let load = BaselineLoad(baseline)
        let indexes = try load.dropLoadIndexes()
        for index in 0..<patients {
            guard let id = Workload.personalID(index), let person = Workload.person(index) else { continue }
            try load.register(
                index,
                personalID: id.digits,
                nameKey: Workload.poolNameKeys[index % Workload.poolNameKeys.count],
                birthYear: person.reading.dateOfBirth.year,
                withVisit: shape.withVisits
            )
        }
        try load.flush(all: true)
        for sql in indexes { try baseline.exec(sql) }
        try baseline.run("COMMIT")
        if shape.intoOpenStore {
            try baseline.exec("PRAGMA wal_checkpoint(TRUNCATE)")
        } else {
            try baseline.exec("PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL")
        }
    }

    /// Generating the pool of people alone, then making every change set from it without
    /// storing it: the first is outside the load's time, the second inside it.
    static func generateOnly(patients: Int, shape: LoadShape) throws -> String {
        let start = nanoseconds()
        let pool = Workload.pool.count
        let generated = nanoseconds()
        let access = try access("import")
        var count = 0
        for index in 0..<patients where Workload.registration(index, access: access, withVisit: shape.withVisits) != nil
        {
            count += 1
        }
        let made = nanoseconds()
        return "RESULT pool=\(pool) seconds=\(Double(generated - start) / 1e9) sets=\(count) "
            + "making=\(Double(made - generated) / 1e9)"
    }

    // MARK: - Lookups

    static func personalIDs(count: Int, patients: Int, seed: UInt64) -> [PersonalID] {
        var random = SeededRandom(seed: seed)
        return (0..<count).compactMap { _ in Workload.personalID(Int(random.next() % UInt64(patients))) }
    }

    static func lookups(engine: String, path: String, patients: Int, count: Int) async throws -> String {
        let ids = personalIDs(count: count + 200, patients: patients, seed: 42)
        var samples: [Double] = []
        samples.reserveCapacity(count)
        if engine == "store" {
            let store = try SQLiteStore(path: path, logger: quiet)
            let access = try access("lookup")
            for (offset, id) in ids.enumerated() {
                let start = nanoseconds()
                let found = try await store.patient(identifiedBy: .personalID(id), for: access)
                let elapsed = Double(nanoseconds() - start) / 1000
                guard found != nil else { return "ERROR a loaded patient was not found" }
                if offset >= 200 { samples.append(elapsed) }
            }
        } else {
            // "raw": the join alone in a read transaction, unaudited (the floor of any lookup).
            let raw = engine == "raw"
            let baseline = try Baseline(path: path, synchronous: "NORMAL", bodySizes: (0, 0, 0))
            for (offset, id) in ids.enumerated() {
                let start = nanoseconds()
                let found = raw ? try baseline.readOnlyLookup(id.digits) : try baseline.lookup(id.digits)
                let elapsed = Double(nanoseconds() - start) / 1000
                guard found != nil else { return "ERROR a loaded patient was not found" }
                if offset >= 200 { samples.append(elapsed) }
            }
        }
        let latencies = Latencies(samples: samples)
        return "RESULT median=\(latencies.median) p99=\(latencies.p99)"
    }

    // MARK: - Check-in commits

    static func commits(
        engine: String,
        path: String,
        patients: Int,
        count: Int,
        writer: Int,
        run: Int,
        startAt: UInt64
    ) async throws -> String {
        let ids = personalIDs(count: count, patients: patients, seed: 1000 + UInt64(writer))
        var samples: [Double] = []
        samples.reserveCapacity(count)
        let facility = try FacilityCode("01001")
        while nanoseconds() < startAt { usleep(1000) }
        let begin = nanoseconds()
        if engine == "store" {
            let store = try SQLiteStore(path: path, logger: quiet)
            let access = try access("check-in")
            for (offset, id) in ids.enumerated() {
                for attempt in 0... {
                    guard attempt < 100 else { return "ERROR a check-in kept conflicting" }
                    guard let patient = try await store.patient(identifiedBy: .personalID(id), for: access) else {
                        return "ERROR a loaded patient was not found"
                    }
                    var changes = ChangeSet(access)
                    changes.save(patient)
                    // A finished visit: people come back, and one person holds one open visit a day.
                    let now = Date()
                    changes.save(
                        try Visit(
                            id: VisitID(Workload.uuid(10_000_000 * (run * 10 + writer + 1) + offset, kind: 4)),
                            key: "bench-\(run)-\(writer)-\(offset)",
                            patientID: patient.id,
                            facility: facility,
                            admittedAt: now,
                            dischargedAt: now,
                            status: .closed
                        )
                    )
                    let start = nanoseconds()
                    do {
                        try await store.commit(changes)
                    } catch let error as StoreError where error.code == .versionConflict {
                        continue  // another writer checked the same person in: read again
                    }
                    samples.append(Double(nanoseconds() - start) / 1000)
                    break
                }
            }
        } else {
            let baseline = try Baseline(path: path, synchronous: "FULL", bodySizes: Workload.bodySizes(path: path))
            for (offset, id) in ids.enumerated() {
                for attempt in 0... {
                    guard attempt < 100 else { return "ERROR a check-in kept conflicting" }
                    // As the store: the lookup writes nothing; its audit row goes with the commit.
                    guard let (patient, version) = try baseline.readOnlyLookup(id.digits) else {
                        return "ERROR a loaded patient was not found"
                    }
                    let start = nanoseconds()
                    do {
                        try baseline.checkIn(
                            patient: patient,
                            version: version,
                            visit: Workload.uuid(10_000_000 * (run * 10 + writer + 1) + offset, kind: 4),
                            admitted: Int64(Date().timeIntervalSince1970 * 1000),
                            personalID: id.digits,
                            nameKey: "nguyen van a"
                        )
                    } catch let error as Baseline.Failure where error.description == "version conflict" {
                        continue
                    }
                    samples.append(Double(nanoseconds() - start) / 1000)
                    break
                }
            }
        }
        let end = nanoseconds()
        let latencies = samples.map { String(Int($0.rounded())) }.joined(separator: ",")
        return "RESULT begin=\(begin) end=\(end) latencies=\(latencies)"
    }
}
