import ChipChart
import Foundation
import Testing

@testable import ChipChartArchive

/// The export's check fed from a file as its writer writes it gives the verdict, the error and
/// the line of the same check of the whole file.
@Suite("The export's check of a file as it grows", .timeLimit(.minutes(5)))
struct ArchiveGrowingCheckTests {
    /// The check's outcome on a copy of `url` written `step` bytes at a time, each step published
    /// before the next is written; the writing stops once the check refuses the file.
    static func grown(_ url: URL, step: Int) throws -> String {
        let bytes = try Data(contentsOf: url)
        let copy = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: copy) }
        #expect(FileManager.default.createFile(atPath: copy.path, contents: nil), "the copy is created")
        let handle = try FileHandle(forWritingTo: copy)
        defer { try? handle.close() }
        let check = ArchiveWrittenCheck(copy, extent: WrittenExtent())
        var written = 0
        while written < bytes.count {
            let end = min(bytes.count, written + step)
            try handle.write(contentsOf: bytes[written..<end])
            written = end
            do { try check.extent.publish(written) } catch { break }
        }
        return ArchiveWrittenCheckTests.outcome { () throws(ArchiveError) in try check.verdict(length: written) }
    }

    @Test(
        arguments: ["none", "edited record", "dropped record", "no trailer", "swapped kinds", "cut"],
        [1, 100, 1 << 16]
    )
    func theVerdictOfTheCheckOfTheWholeFile(_ damage: String, _ step: Int) throws {
        let url = try ArchiveWrittenCheckTests.damagedFile(damage)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = ArchiveWrittenCheckTests.outcome { () throws(ArchiveError) in
            try ArchiveReader.verify(url, readsWhole: false)
        }
        #expect(try Self.grown(url, step: step) == whole)
        #expect(whole.hasPrefix("Counts") == (damage == "none"), "\(whole)")
    }
}
