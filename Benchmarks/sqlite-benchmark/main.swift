// sqlite-benchmark: the SQLite store beside the same SQL through SQLite's C API.
//
//   swift run --package-path Benchmarks -c release sqlite-benchmark [--patients 1000000] [--lookups 20000] [--commits 2000]
//                                         [--folder DIR] [--load-only] [--reuse]
//                                         [--with-visits] [--into-open-store] [--sqlite-memory-statistics-off]
//
// Builds a store of synthetic patients (each with a personal ID and one coverage, as a hospital's
// patient master index) by a streamed bulk load, then measures lookups by personal ID and durable
// check-in commits with one and four writer processes. Each phase runs in a child process of its
// own, so peak memory is the phase's own; the baseline runs the same statements on a twin file
// built the same way.
//
//   --with-visits      each patient also gets a visit (the load's shape before 2026-11-30)
//   --into-open-store  load into a store opened first (`SQLiteStore.load`) instead of building a
//                      new store from the load (`SQLiteStore.create`, the default)
//   --sqlite-memory-statistics-off
//                      each child turns SQLite's memory statistics off before it opens a file
//                      (`SQLiteStore.turnOffSQLiteMemoryStatistics()`; the store and the baseline alike)

import BenchmarkSupport
import ChipChart
import ChipChartSQLite
import ChipChartTesting
import Foundation

/// Writes a line to standard output at once (unbuffered, so a log file follows the run).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func value(_ name: String, _ arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func field(_ name: String, _ line: String) -> String? {
    line.split(separator: " ").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
}

/// Runs this executable as a child for one phase and returns its RESULT line.
func child(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    process.arguments = arguments
    process.standardOutput = Pipe()
    try process.run()
    return process
}

func result(of process: Process) throws -> String {
    let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
    process.waitUntilExit()
    let text = String(decoding: output, as: UTF8.self)
    guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("RESULT") }) else {
        throw Baseline.Failure(description: "a phase failed (\(process.arguments ?? [])): \(text)")
    }
    return String(line)
}

func runPhase(_ arguments: [String]) async throws -> String {
    let engine = value("--engine", arguments) ?? "store"
    let path = value("--path", arguments) ?? ""
    let patients = Int(value("--patients", arguments) ?? "") ?? 0
    let count = Int(value("--count", arguments) ?? "") ?? 0
    switch value("--phase", arguments) {
    case "load" where engine == "store":
        return try await Phase.loadStore(path: path, patients: patients, shape: Phase.LoadShape(arguments))
    case "load":
        let sizes = try Workload.bodySizes(path: value("--sizes-from", arguments) ?? path)
        return try Phase.loadBaseline(
            path: path,
            patients: patients,
            bodySizes: sizes,
            shape: Phase.LoadShape(arguments)
        )
    case "generate": return try Phase.generateOnly(patients: patients, shape: Phase.LoadShape(arguments))
    case "lookup": return try await Phase.lookups(engine: engine, path: path, patients: patients, count: count)
    case "commit":
        return try await Phase.commits(
            engine: engine,
            path: path,
            patients: patients,
            count: count,
            writer: Int(value("--writer", arguments) ?? "") ?? 0,
            run: Int(value("--run", arguments) ?? "") ?? 0,
            startAt: UInt64(value("--start-at", arguments) ?? "") ?? 0
        )
    default: return "ERROR unknown phase"
    }
}

struct Row {
    var name: String
    var store: Double
    var baseline: Double
    var unit: String
    var ratio: Double { baseline > 0 ? store / baseline : 0 }
}

func commitRun(engine: String, path: String, patients: Int, commits: Int, writers: Int) throws -> (Latencies, Double) {
    let startAt = DispatchTime.now().uptimeNanoseconds + 1_500_000_000
    // Distinct visit ids for every run, even on the files of an earlier one.
    let run = Int(UInt32(truncatingIfNeeded: startAt / 1_000_000))
    let processes = try (0..<writers).map { writer in
        try child([
            "--phase", "commit", "--engine", engine, "--path", path, "--patients", "\(patients)",
            "--count", "\(commits / writers)", "--writer", "\(writer)", "--run", "\(run * 10 + writers)", "--start-at",
            "\(startAt)",
        ])
    }
    let lines = try processes.map(result(of:))
    let begin = lines.compactMap { field("begin", $0).flatMap(UInt64.init) }.min() ?? 0
    let end = lines.compactMap { field("end", $0).flatMap(UInt64.init) }.max() ?? 0
    let samples = lines.flatMap { (field("latencies", $0) ?? "").split(separator: ",").compactMap { Double($0) } }
    let seconds = Double(end - begin) / 1e9
    return (Latencies(samples: samples), seconds > 0 ? Double(samples.count) / seconds : 0)
}

func main() async throws {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.contains("--phase") {
        if Phase.LoadShape(arguments).memoryStatisticsOff, !SQLiteStore.turnOffSQLiteMemoryStatistics() {
            throw Baseline.Failure(description: "SQLite's memory statistics could not be turned off")
        }
        say(try await runPhase(arguments))
        return
    }
    OptionCheck(
        usage: """
            usage: sqlite-benchmark [--patients 1000000] [--lookups 20000] [--commits 2000] [--folder DIR]
                                    [--load-only] [--reuse] [--with-visits] [--into-open-store]
                                    [--sqlite-memory-statistics-off]
            """,
        flags: ["--load-only", "--reuse", "--with-visits", "--into-open-store", "--sqlite-memory-statistics-off"],
        valued: ["--patients", "--lookups", "--commits", "--folder"]
    ).enforce(arguments)
    let patients = Int(value("--patients", arguments) ?? "") ?? 1_000_000
    let lookups = Int(value("--lookups", arguments) ?? "") ?? 20_000
    let commits = Int(value("--commits", arguments) ?? "") ?? 2_000
    let folder = value("--folder", arguments) ?? FileManager.default.temporaryDirectory.path + "/chipchart-benchmark"
    // --reuse: measure lookups and commits on the files of an earlier run, without loading.
    let reuse = arguments.contains("--reuse")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let storePath = folder + "/store.sqlite"
    let baselinePath = folder + "/baseline.sqlite"
    // Only the files this benchmark writes are removed: the folder may hold anything else.
    if !reuse {
        for path in [storePath, storePath + SQLiteStore.stagedLoadSuffix, baselinePath] {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
        }
    }
    let shape = Phase.LoadShape(arguments)
    let common = ["--patients", "\(patients)"]
    say("sqlite-benchmark: \(patients) patients, \(lookups) lookups, \(commits) commits, in \(folder)")
    say("load: \(shape.description)")

    var rows: [Row] = []
    func number(_ name: String, _ line: String) -> Double { Double(field(name, line) ?? "") ?? 0 }
    if !reuse {
        let generate = try result(of: try child(["--phase", "generate"] + common + shape.arguments))
        say(
            "generated the pool of \(field("pool", generate) ?? "?") people (outside the load's time): "
                + "\(field("seconds", generate) ?? "?") s; made the change sets alone (inside it): "
                + "\(field("making", generate) ?? "?") s"
        )
        let loadStore = try result(
            of: try child(["--phase", "load", "--engine", "store", "--path", storePath] + common + shape.arguments)
        )
        say("store load: \(loadStore)")
        let loadBaseline = try result(
            of: try child(
                ["--phase", "load", "--engine", "baseline", "--path", baselinePath, "--sizes-from", storePath]
                    + common + shape.arguments
            )
        )
        say("baseline load: \(loadBaseline)")
        rows.append(
            Row(
                name: "bulk load",
                store: number("seconds", loadStore),
                baseline: number("seconds", loadBaseline),
                unit: "s"
            )
        )
        rows.append(
            Row(
                name: "bulk load CPU time (user + system)",
                store: number("cpu", loadStore),
                baseline: number("cpu", loadBaseline),
                unit: "s"
            )
        )
        rows.append(
            Row(
                name: "bulk load peak RSS",
                store: number("rss", loadStore),
                baseline: number("rss", loadBaseline),
                unit: "MB"
            )
        )
    }

    // --load-only: the bulk load alone (the figure at a million patients).
    if arguments.contains("--load-only") {
        printTable(rows)
        return
    }
    let lookupArguments = common + ["--count", "\(lookups)"]
    let lookupStore = try result(
        of: try child(["--phase", "lookup", "--engine", "store", "--path", storePath] + lookupArguments)
    )
    let lookupBaseline = try result(
        of: try child(["--phase", "lookup", "--engine", "baseline", "--path", baselinePath] + lookupArguments)
    )
    rows.append(
        Row(
            name: "lookup median",
            store: number("median", lookupStore),
            baseline: number("median", lookupBaseline),
            unit: "µs"
        )
    )
    rows.append(
        Row(name: "lookup p99", store: number("p99", lookupStore), baseline: number("p99", lookupBaseline), unit: "µs")
    )
    // The same lookups against the join alone, unaudited, on the baseline's file.
    let lookupRaw = try result(
        of: try child(["--phase", "lookup", "--engine", "raw", "--path", baselinePath] + lookupArguments)
    )
    rows.append(
        Row(
            name: "lookup median vs the join alone (baseline column: join, no audit)",
            store: number("median", lookupStore),
            baseline: number("median", lookupRaw),
            unit: "µs"
        )
    )

    for writers in [1, 4] {
        let (store, storeRate) = try commitRun(
            engine: "store",
            path: storePath,
            patients: patients,
            commits: commits,
            writers: writers
        )
        let (baseline, baselineRate) = try commitRun(
            engine: "baseline",
            path: baselinePath,
            patients: patients,
            commits: commits,
            writers: writers
        )
        rows.append(
            Row(
                name: "check-in commit median, \(writers) writer(s)",
                store: store.median,
                baseline: baseline.median,
                unit: "µs"
            )
        )
        rows.append(
            Row(name: "check-in commit p99, \(writers) writer(s)", store: store.p99, baseline: baseline.p99, unit: "µs")
        )
        rows.append(
            Row(
                name: "check-in commits/s, \(writers) writer(s)",
                store: storeRate,
                baseline: baselineRate,
                unit: "ops/s"
            )
        )
    }

    printTable(rows)
}

func printTable(_ rows: [Row]) {
    say("")
    say("| measure | store | C baseline | store ÷ baseline |")
    say("|---|---:|---:|---:|")
    for row in rows {
        let store = String(format: "%.1f", row.store)
        let baseline = String(format: "%.1f", row.baseline)
        say("| \(row.name) | \(store) \(row.unit) | \(baseline) \(row.unit) | \(String(format: "%.2f", row.ratio)) |")
    }
}

try await main()
