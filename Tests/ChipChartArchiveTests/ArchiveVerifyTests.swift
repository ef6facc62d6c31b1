import ChipChart
import ChipChartArchive
import Foundation
import Testing

/// Checking an archive whole, as a restore would, and writing one without losing the old file.
@Suite("Archive checks and staged writes")
struct ArchiveVerifyTests {
    @Test func aSoundArchiveGivesItsCounts() throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        let contents = try ArchiveTests.contents()
        try ArchiveWriter.write(contents, to: url)
        #expect(try ArchiveReader.verify(url) == contents.counts)
    }

    @Test(arguments: [
        ("coverage without its patient", 2), ("visit without its coverage", 3), ("broken audit chain", 6),
        ("patient twice", 3),
    ])
    func anArchiveARestoreWouldRefuseIsCorruptAtItsLine(_ damage: String, _ line: Int) throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        var contents = try ArchiveTests.contents()
        switch damage {
        case "coverage without its patient": contents.patients = []
        case "visit without its coverage": contents.coverages = []
        case "broken audit chain": contents.auditEvents.remove(at: 1)
        default: contents.patients.append(contents.patients[0])
        }
        try ArchiveWriter.write(contents, to: url)
        #expect(throws: (any Error).self) { try ArchiveReader.verify(url) }
        do {
            try ArchiveReader.verify(url)
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.line == line, "\(error)")
        }
    }

    @Test func writingWithoutReplacingKeepsAnExistingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("kept.gz")
        try Data("kept".utf8).write(to: url)
        #expect {
            try ArchiveWriter.write(try ArchiveTests.contents(), to: url, replacing: false)
        } throws: { ($0 as? ArchiveError)?.code == .fileExists }
        #expect(try Data(contentsOf: url) == Data("kept".utf8))
        let contents = try ArchiveTests.contents()
        try ArchiveWriter.write(contents, to: url)
        #expect(try ArchiveReader.read(from: url) == contents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.gz"])
    }

    @Test func aStagedFileThatIsDiscardedLeavesTheTargetAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target")
        let staged = try StagedFile(target: target)
        try staged.handle.write(contentsOf: Data("half".utf8))
        try Data("appeared".utf8).write(to: target)
        #expect(throws: ArchiveError.self) { try staged.commit(replacing: false) }
        #expect(try Data(contentsOf: target) == Data("appeared".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["target"])
    }
}
