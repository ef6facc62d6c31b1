import ChipChart
import Foundation
import Testing

@testable import ChipChartArchive

/// The check of an archive's ids in bounded memory: ids written out in sorted runs and merged give
/// what one sort in memory gives, at the same line.
@Suite("Archive check in sorted runs")
struct ArchiveCheckRunTests {
    /// The records of `contents` as the lines of an archive, the header being line 1.
    static func lines(_ contents: ArchiveContents) -> [(ArchiveRecord, Int)] {
        let records =
            contents.patients.map(ArchiveRecord.patient) + contents.coverages.map(ArchiveRecord.coverage)
            + contents.visits.map(ArchiveRecord.visit) + contents.auditEvents.map(ArchiveRecord.auditEvent)
        return records.enumerated().map { ($1, $0 + 2) }
    }

    /// The check's verdict: `nil` for a sound archive, or the error's line and message.
    static func verdict(_ contents: ArchiveContents, runLength: Int) throws -> ArchiveError? {
        var check = ArchiveCheck(runLength: runLength)
        let lines = Self.lines(contents)
        for (record, line) in lines { try check.consume(record, line: line) }
        do {
            try check.finish(line: lines.count + 2)
            return nil
        } catch {
            return error
        }
    }

    static let damages = [
        "none", "coverage without its patient", "visit without its coverage", "broken audit chain", "patient twice",
        "visit twice", "merged into a stranger", "replaced by a stranger", "two damages",
    ]

    static func damaged(_ damage: String) throws -> ArchiveContents {
        var contents = try ArchiveTests.contents()
        switch damage {
        case "coverage without its patient": contents.patients = []
        case "visit without its coverage": contents.coverages = []
        case "broken audit chain": contents.auditEvents.remove(at: 1)
        case "patient twice": contents.patients.append(contents.patients[0])
        case "visit twice": contents.visits.append(contents.visits[0])
        case "merged into a stranger": contents.patients[0].mergedInto = PatientID()
        case "replaced by a stranger": contents.coverages[0].replacedBy = CoverageID()
        case "two damages":
            contents.visits.append(contents.visits[0])
            contents.auditEvents.remove(at: 1)
        default: break
        }
        return contents
    }

    @Test("runs of any length give the verdict of one sort in memory", arguments: damages)
    func runsGiveTheSameVerdict(_ damage: String) throws {
        let contents = try Self.damaged(damage)
        let inMemory = try Self.verdict(contents, runLength: ArchiveCheck.defaultRunLength)
        #expect((inMemory == nil) == (damage == "none"), "\(String(describing: inMemory))")
        for runLength in [2, 3, 5] {
            #expect(try Self.verdict(contents, runLength: runLength) == inMemory, "runs of \(runLength)")
        }
    }

    @Test func theFirstDamageInLineOrderIsReported() throws {
        let contents = try Self.damaged("two damages")
        let verdict = try #require(try Self.verdict(contents, runLength: 2))
        let visitLine = 2 + contents.patients.count + contents.coverages.count + contents.visits.count - 1
        #expect(verdict.line == visitLine && verdict.message.contains("visit appears twice"), "\(verdict)")
    }

    @Test func manyIDsSortedInRunsComeBackInOrder() throws {
        let mentions = IDMentions(runLength: 1000)
        var expected: [IDMention] = []
        for line in 0..<10_000 {
            let mention = IDMention(.coverage, UUID(), role: UInt8(line % 3), line: line)
            expected.append(mention)
            try mentions.add(mention)
        }
        var sorted: [IDMention] = []
        try mentions.forEachSorted { sorted.append($0) }
        #expect(sorted == expected.sorted())
    }
}
