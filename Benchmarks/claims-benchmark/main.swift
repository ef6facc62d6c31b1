import BenchmarkSupport
import ChipChart
import ChipChartClaims
import ChipChartTesting
import Foundation

// Claims export benchmark: the claims of N synthetic visits written as one GIAMDINHHS envelope.
//
//   swift run --package-path Benchmarks -c release claims-benchmark [COUNT]            both modes, each in its own process
//   swift run --package-path Benchmarks -c release claims-benchmark COUNT stream FILE  the streaming exporter only
//   swift run --package-path Benchmarks -c release claims-benchmark COUNT concat FILE  the baseline only
//
// "stream" uses ClaimExporter (one claim built, validated and written at a time); "concat"
// builds and validates every claim, concatenates the whole envelope into one String and writes
// it. Both write the same bytes (the parent run checks). Each mode reports wall time, CPU time
// (user + system) and peak RSS (VmHWM).

let arguments = Array(CommandLine.arguments.dropFirst())
OptionCheck(usage: "usage: claims-benchmark [COUNT] | COUNT stream FILE | COUNT concat FILE").enforce(arguments)
let count = Int(arguments.first ?? "") ?? 100_000

if arguments.count >= 3 {
    let mode = arguments[1]
    let url = URL(fileURLWithPath: arguments[2])
    let visits = try SyntheticVisits(count: count)
    let envelope = ClaimEnvelope(facility: visits.facility, createdOn: SyntheticVisits.day)
    let started = ContinuousClock.now
    if mode == "stream" {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { exit(2) }
        let handle = try FileHandle(forWritingTo: url)
        _ = try await ClaimExporter(envelope: envelope)
            .export(visits, to: handle, expectedCount: count)
        try handle.close()
    } else {
        var claims: [Claim] = []
        var sequence = 0
        for try await input in visits {
            sequence += 1
            let claim = try Claim(input, sequence: sequence)
            guard claim.violations.isEmpty else { exit(3) }
            claims.append(claim)
        }
        try Data(envelope.xml(for: claims).utf8).write(to: url)
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let bytes = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    let cpu = String(format: "%.2f", cpuSeconds())
    say(
        "\(mode)\t\(count)\t\(String(format: "%.2f", seconds)) s\t\(cpu) s\t\(peakResidentKiB() / 1024) MiB\t\(bytes) bytes"
    )
} else {
    let directory = FileManager.default.temporaryDirectory
    let files = ["stream", "concat"].map { directory.appendingPathComponent("claims-benchmark-\($0).xml") }
    say("mode\tvisits\twall time\tCPU time\tpeak RSS\toutput")
    for (mode, file) in zip(["stream", "concat"], files) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = [String(count), mode, file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { exit(process.terminationStatus) }
    }
    let same = FileManager.default.contentsEqual(atPath: files[0].path, andPath: files[1].path)
    say("identical output: \(same ? "yes" : "NO")")
    for file in files { try? FileManager.default.removeItem(at: file) }
    if !same { exit(1) }
}

/// Peak resident set size of this process in KiB (`VmHWM` in /proc/self/status; 0 elsewhere).
func peakResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
}

/// User plus system CPU time of this process, in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
        let who = RUSAGE_SELF.rawValue
    #else
        let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return 0 }
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// Writes a line to standard output at once (the two modes' lines come from child processes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
