import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation
import Testing

@Suite("Archives of format version 1")
struct VersionOneArchiveTests {
    /// Rewrites a version 2 archive as version 1 wrote it: counts only in the header, none in the
    /// trailer, the checksum recomputed.
    static let downgrade = """
        import gzip, json, sys, zlib
        lines = gzip.open(sys.argv[1], "rt", encoding="utf-8").read().splitlines()
        header = json.loads(lines[0]); header["version"] = 1
        body = [json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)] + lines[1:-1]
        text = "".join(line + "\\n" for line in body)
        trailer = json.loads(lines[-1])["end"]
        end = {"end": {"crc32": format(zlib.crc32(text.encode("utf-8")), "x"), "records": trailer["records"]}}
        with gzip.open(sys.argv[2], "wt", encoding="utf-8") as out:
            out.write(text + json.dumps(end, sort_keys=True, separators=(",", ":")) + "\\n")
        print("ok")
        """

    @Test func aVersionOneArchiveStillReadsAndRestores() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = InMemoryStore()
        try await ArchivableStoreConformance.fillWithSamples(source, patients: 3)
        let records = try await ArchivableStoreConformance.allRecords(of: source)
        var contents = ArchiveContents()
        for record in records {
            switch record {
            case .patient(let patient): contents.patients.append(patient)
            case .coverage(let coverage): contents.coverages.append(coverage)
            case .visit(let visit): contents.visits.append(visit)
            case .auditEvent(let event): contents.auditEvents.append(event)
            }
        }
        let current = folder.appendingPathComponent("v2.gz")
        let old = folder.appendingPathComponent("v1.gz")
        try ArchiveWriter.write(contents, to: current)
        let script = folder.appendingPathComponent("downgrade.py")
        try Self.downgrade.write(to: script, atomically: true, encoding: .utf8)
        let output = try shell("python3 '\(script.path)' '\(current.path)' '\(old.path)' 2>&1")
        #expect(output.hasPrefix("ok"), "\(output)")
        #expect(try ArchiveReader.header(of: old).version == 1)
        #expect(try ArchiveReader.read(from: old) == contents)
        let target = InMemoryStore()
        try await ArchiveReader.restore(from: old, into: target)
        #expect(try await ArchivableStoreConformance.allRecords(of: target) == records)
    }
}
