import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation
import Synchronization
import Testing

/// An export and a restore report their counts as they go, ending on the counts they return.
@Suite("Archive progress")
struct ArchiveProgressTests {
    /// The counts a progress closure was called with, in order.
    final class Reports: Sendable {
        private let counts = Mutex<[ArchiveRecord.Counts]>([])
        func add(_ report: ArchiveRecord.Counts) { counts.withLock { $0.append(report) } }
        var all: [ArchiveRecord.Counts] { counts.withLock { $0 } }
    }

    @Test(arguments: Backend.allCases)
    func anExportAndARestoreReportTheirCounts(_ backend: Backend) async throws {
        let folder = try StoreArchiveTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try backend.make(in: folder)
        try await ArchivableStoreConformance.fillWithSamples(store, patients: 300)
        let url = folder.appendingPathComponent("clinic.gz")
        let admin = Staff(
            name: try PersonName("Quản Trị"),
            personalID: try PersonalID("001185000001"),
            role: .administrator
        )
        let access = Access(by: admin, purpose: "backup")

        let written = Reports()
        let exported = try await ArchiveWriter.export(store, to: url, by: access, pageSize: 100) { written.add($0) }
        #expect(written.all.count >= 3, "a report a page")
        #expect(written.all.last == exported)
        #expect(exported.total > 1000, "enough records for a report before the end of a restore")
        #expect(zip(written.all, written.all.dropFirst()).allSatisfy { $0.total < $1.total })

        let read = Reports()
        let restored = try await ArchiveReader.restore(from: url, into: try backend.make(in: folder)) { read.add($0) }
        #expect(read.all.last == restored)
        #expect(read.all.dropLast().map(\.total).allSatisfy { $0 % 1000 == 0 }, "a report every 1,000 records")
        #expect(restored == exported)
    }
}
