import Foundation
import TestSupport
import Testing

/// A benchmark removes only the files it wrote itself, whatever else its folder holds.
@Suite("Benchmarks keep files they did not write")
struct BenchmarkFilesTests {
    @Test func sqliteBenchmarkLeavesOtherFilesInItsFolder() throws {
        let benchmark = try BuiltExecutable("sqlite-benchmark")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keep = folder.appendingPathComponent("clinic.sqlite")
        try Data("records of a clinic".utf8).write(to: keep)
        let run = try benchmark.run(
            ["--patients", "100", "--lookups", "20", "--commits", "10", "--folder", folder.path],
            in: folder
        )
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try String(contentsOf: keep, encoding: .utf8) == "records of a clinic")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("store.sqlite").path))
    }
}
