// archive-benchmark: a whole SQLite store to an archive file and back, beside sqlite3's own
// `.dump | gzip` and `gunzip | sqlite3`.
//
//   swift run --package-path Benchmarks -c release archive-benchmark [--patients 1000000] [--folder DIR]
//   archive-benchmark --phase export --path DB --file FILE.gz [--no-verify]   (one export alone)
//
// Loads a store of synthetic patients (one coverage and one visit each) with `SQLiteStore.load`,
// then exports it with `ArchiveWriter.export` and restores it into a new file with
// `ArchiveReader.restore`. Each phase runs in a child process of its own, so its peak resident
// memory (VmHWM) is its own; the baseline's is measured by /usr/bin/time.

import BenchmarkSupport
import ChipChart
import ChipChartArchive
import ChipChartSQLite
import Foundation
import Logging

/// Writes a line to standard output at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func value(_ name: String, _ arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

/// The process's peak resident memory (VmHWM) in megabytes.
func peakResidentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return (line.split(separator: " ").compactMap { Double($0) }.first ?? 0) / 1024
    }
    return 0
}

/// The CPU time (user and system) this process has used so far, in seconds: the figure to
/// compare on a shared machine, where wall time depends on the other processes.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Runs a command and returns its standard output and standard error.
func run(_ executable: String, _ arguments: [String]) throws -> (output: String, error: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
        String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self),
        process.terminationStatus
    )
}

/// One phase in a child process: its RESULT line.
func phase(_ arguments: [String]) throws -> String {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    let result = try run(me, arguments)
    guard let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT") }) else {
        throw Workload.Failure(description: "phase \(arguments) failed: \(result.output) \(result.error)")
    }
    return String(line)
}

/// A shell pipeline under /usr/bin/time: seconds, CPU seconds of all its processes and the
/// largest process's peak memory.
func timedShell(_ command: String) throws -> (seconds: Double, cpu: Double, megabytes: Double) {
    let start = ContinuousClock.now
    let result = try run("/usr/bin/time", ["-f", "MAXRSS %M\nCPU %U %S", "/bin/sh", "-c", command])
    guard result.status == 0 else { throw Workload.Failure(description: "\(command): \(result.error)") }
    let lines = result.error.split(separator: "\n")
    let kilobytes = lines.compactMap { $0.hasPrefix("MAXRSS ") ? Double($0.dropFirst(7)) : nil }.last ?? 0
    let cpu = lines.last { $0.hasPrefix("CPU ") }.map {
        $0.split(separator: " ").compactMap { Double($0) }.reduce(0, +)
    }
    return (seconds(since: start), cpu ?? 0, kilobytes / 1024)
}

func field(_ name: String, _ line: String) -> Double {
    Double(line.split(separator: " ").first { $0.hasPrefix(name + "=") }?.dropFirst(name.count + 1) ?? "") ?? 0
}

func size(_ path: String) -> String {
    fixed(Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576)
}

/// Two decimals.
func fixed(_ number: Double) -> String { String(format: "%.2f", number) }

let arguments = CommandLine.arguments
OptionCheck(
    usage: """
        usage: archive-benchmark [--patients 1000000] [--folder DIR]
               archive-benchmark --phase export --path DB --file FILE.gz [--no-verify]
        """,
    flags: ["--no-verify"],
    valued: ["--patients", "--folder", "--phase", "--path", "--file"]
).enforce(Array(arguments.dropFirst()))
if let name = value("--phase", arguments) {
    let path = value("--path", arguments) ?? ""
    let file = value("--file", arguments) ?? ""
    let start = ContinuousClock.now
    switch name {
    case "load":
        let store = try SQLiteStore(path: path, logger: Workload.quiet)
        let patients = Int(value("--patients", arguments) ?? "") ?? 0
        let access = try Workload.access("import")
        // Sendable, so not isolated to the main actor: the load pulls the sets on a thread of its own.
        let registration: @Sendable (Int) -> ChangeSet? = { try? Workload.registration($0, access) }
        let loaded = try await store.load((0..<patients).lazy.compactMap(registration))
        say(
            "RESULT count=\(loaded) seconds=\(seconds(since: start)) cpu=\(cpuSeconds()) rss=\(peakResidentMegabytes())"
        )
    case "export":
        let store = try SQLiteStore(path: path, logger: Workload.quiet)
        let counts = try await ArchiveWriter.export(
            store,
            to: URL(fileURLWithPath: file),
            by: try Workload.access("backup"),
            verifying: !arguments.contains("--no-verify")
        )
        say(
            "RESULT count=\(counts.total) seconds=\(seconds(since: start)) cpu=\(cpuSeconds()) rss=\(peakResidentMegabytes())"
        )
    default:
        let store = try SQLiteStore(path: path, logger: Workload.quiet)
        let counts = try await ArchiveReader.restore(from: URL(fileURLWithPath: file), into: store)
        say(
            "RESULT count=\(counts.total) seconds=\(seconds(since: start)) cpu=\(cpuSeconds()) rss=\(peakResidentMegabytes())"
        )
    }
} else {
    let patients = Int(value("--patients", arguments) ?? "") ?? 1_000_000
    let folder = value("--folder", arguments) ?? FileManager.default.temporaryDirectory.path + "/archive-benchmark"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let source = folder + "/source.sqlite"
    let archive = folder + "/store.gz"
    // Only the files this benchmark writes are removed: the folder may hold anything else.
    for database in [source, folder + "/restored.sqlite", folder + "/undump.sqlite"] {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: database + suffix)
        }
    }
    for file in [archive, folder + "/dump.sql.gz"] { try? FileManager.default.removeItem(atPath: file) }
    say("archive-benchmark: \(patients) patients, one coverage and one visit each, in \(folder)")
    let load = try phase(["--phase", "load", "--path", source, "--patients", String(patients)])
    say("load (SQLiteStore.load): \(fixed(field("seconds", load))) s, \(field("count", load)) change sets")
    let export = try phase(["--phase", "export", "--path", source, "--file", archive])
    let restored = try phase(["--phase", "import", "--path", folder + "/restored.sqlite", "--file", archive])
    let dump = try timedShell("sqlite3 '\(source)' .dump | gzip -6 > '\(folder)/dump.sql.gz'")
    let undump = try timedShell("gunzip -c '\(folder)/dump.sql.gz' | sqlite3 '\(folder)/undump.sqlite'")
    say("")
    say("| step | records | seconds | CPU seconds | peak RSS (MB) | file (MB) |")
    say("|---|---|---|---|---|---|")
    let records = Int(field("count", export))
    say(
        "| archive export (ArchiveWriter.export) | \(records) | \(fixed(field("seconds", export))) | \(fixed(field("cpu", export))) | "
            + "\(fixed(field("rss", export))) | \(size(archive)) |"
    )
    say(
        "| archive import (ArchiveReader.restore) | \(Int(field("count", restored))) | \(fixed(field("seconds", restored))) | "
            + "\(fixed(field("cpu", restored))) | "
            + "\(fixed(field("rss", restored))) | \(size(folder + "/restored.sqlite")) |"
    )
    say(
        "| baseline: sqlite3 .dump \\| gzip | | \(fixed(dump.seconds)) | \(fixed(dump.cpu)) | "
            + "\(fixed(dump.megabytes)) | \(size(folder + "/dump.sql.gz")) |"
    )
    say(
        "| baseline: gunzip \\| sqlite3 | | \(fixed(undump.seconds)) | \(fixed(undump.cpu)) | "
            + "\(fixed(undump.megabytes)) | "
            + "\(size(folder + "/undump.sqlite")) |"
    )
    say(
        "CPU ratios: export \(fixed(field("cpu", export) / dump.cpu))×, import \(fixed(field("cpu", restored) / undump.cpu))×"
    )
    say("source database: \(size(source)) MB")
}
