import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation
import Testing

/// A visit's whole chart survives a backup and a restore into any backend.
@Suite("Charted visits through archive files")
struct ChartedVisitArchiveTests {
    @Test(arguments: Backend.allCases, Backend.allCases)
    func theChartIsRestoredAsItWas(_ from: Backend, _ into: Backend) async throws {
        let folder = try StoreArchiveTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try from.make(in: folder)
        let written = try await ChartSamples.chartedStay(in: source)
        let file = folder.appendingPathComponent("backup.gz")
        try await ArchiveWriter.export(source, to: file, by: try StoreArchiveTests.access())
        let target = try into.make(in: folder)
        try await ArchiveReader.restore(from: file, into: target)
        let restored = try await target.visit(written.id, for: try StoreArchiveTests.access())
        #expect(restored == written)
        #expect(restored?.chart.discharge?.content.referral?.paperNumber == "CT-2026-0042")
    }
}
