import ChipChart
import ChipChartTesting
import Foundation
import Synchronization
import Testing

@testable import ChipChartArchive

/// The export checks its file on a thread of its own, reading behind the writer: a damaged byte
/// is found while the writing goes on and stops it, a failed writing stops the check, and sound
/// exports are moved into place as before.
@Suite("The export's check beside the writing", .timeLimit(.minutes(5)))
struct ArchiveExportCheckTests {
    /// What the writer's hook saw and did, shared with the test.
    final class Writing: Sendable {
        private let state = Mutex<(extent: WrittenExtent?, ranges: [Range<Int>])>((nil, []))
        let folder: URL

        init(folder: URL) { self.folder = folder }

        var extent: WrittenExtent? { state.withLock { $0.extent } }
        var ranges: [Range<Int>] { state.withLock { $0.ranges } }

        /// The extent whose hook reports to this, then `act` with the number of the publication.
        func extent(
            _ act: @escaping @Sendable (Writing, Int, Range<Int>) throws(ArchiveError) -> Void
        ) -> WrittenExtent {
            let extent = WrittenExtent { [self] (range) throws(ArchiveError) in
                let number = state.withLock { state -> Int in
                    state.ranges.append(range)
                    return state.ranges.count
                }
                try act(self, number, range)
            }
            state.withLock { $0.extent = extent }
            return extent
        }

        /// The staged file the export is writing.
        func staged() -> URL? {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.first { $0.hasSuffix(".partial") }.map(folder.appendingPathComponent)
        }

        /// Inverts the byte at `offset` of the staged file.
        func damage(at offset: Int) {
            guard let url = staged(), let handle = try? FileHandle(forUpdating: url) else { return }
            defer { try? handle.close() }
            try? handle.seek(toOffset: UInt64(offset))
            guard let byte = try? handle.read(upToCount: 1)?.first else { return }
            try? handle.seek(toOffset: UInt64(offset))
            try? handle.write(contentsOf: [~byte])
        }

        /// Waits (up to ten seconds) until the check has refused the file.
        func awaitRefusal() {
            let deadline = Date().addingTimeInterval(10)
            while extent?.isRefused != true, Date() < deadline { usleep(1000) }
        }
    }

    /// A store of `patients` sample patients and the folder its archive goes to.
    static func store(patients: Int) async throws -> (URL, InMemoryStore) {
        let folder = try StoreArchiveTests.folder()
        let store = InMemoryStore()
        if patients > 0 { try await ArchivableStoreConformance.fillWithSamples(store, patients: patients) }
        return (folder, store)
    }

    /// Exports `store` into `folder`, checked through `extent`.
    static func export(
        _ store: InMemoryStore,
        into folder: URL,
        checking extent: WrittenExtent,
        progress: ArchiveProgressTests.Reports = .init()
    ) async throws -> ArchiveRecord.Counts {
        try await ArchiveWriter.export(
            store,
            to: folder.appendingPathComponent("backup.gz"),
            by: try StoreArchiveTests.access(),
            pageSize: 100,
            createdAt: Date(),
            replacing: true,
            checking: extent,
            progress: { progress.add($0) }
        )
    }

    /// The folder holds nothing the export wrote: no archive, no staged file.
    static func leftNothing(in folder: URL) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty
    }

    @Test func aByteDamagedWhileTheExportRunsIsFoundAndStopsTheWriting() async throws {
        let (folder, store) = try await Self.store(patients: 600)
        defer { try? FileManager.default.removeItem(at: folder) }
        let writing = Writing(folder: folder)
        // The first compressed data the writer publishes (after the 10 bytes of the gzip header)
        // is damaged before the check may read it; at the next publication the writer waits for
        // the check's verdict, which stops it there.
        let extent = writing.extent { writing, number, range in
            if number == 2 { writing.damage(at: range.lowerBound + range.count / 2) }
            if number == 3 { writing.awaitRefusal() }
        }
        let progress = ArchiveProgressTests.Reports()
        await #expect {
            try await Self.export(store, into: folder, checking: extent, progress: progress)
        } throws: { error in
            guard let error = error as? ArchiveError else { return false }
            return error.code == .corrupt
                && error.message.hasPrefix("the archive read back is not sound, so it was not moved into place: ")
        }
        #expect(writing.ranges.first == 0..<10, "the gzip header comes first")
        #expect(writing.ranges.count <= 3, "the damage was found while the writing went on")
        let records = try await ArchivableStoreConformance.allRecords(of: store)
        #expect((progress.all.last?.total ?? 0) < records.count, "the writing stopped early")
        #expect(extent.isRefused)
        #expect(Self.leftNothing(in: folder))
    }

    @Test func aWritingThatFailsStopsTheCheck() async throws {
        let (folder, store) = try await Self.store(patients: 600)
        defer { try? FileManager.default.removeItem(at: folder) }
        let failure = ArchiveError(code: .fileError, message: "writing the archive failed")
        let writing = Writing(folder: folder)
        let extent = writing.extent { (_, number, _) throws(ArchiveError) in
            if number == 3 { throw failure }
        }
        await #expect {
            try await Self.export(store, into: folder, checking: extent)
        } throws: { error in
            (error as? ArchiveError) == failure
        }
        #expect(extent.isAbandoned, "the check was stopped")
        #expect(!extent.isRefused)
        #expect(Self.leftNothing(in: folder))
    }

    @Test(arguments: [0, 25, 600])
    func aSoundExportIsCheckedWhileWrittenAndRestoresTheStore(_ patients: Int) async throws {
        let (folder, store) = try await Self.store(patients: patients)
        defer { try? FileManager.default.removeItem(at: folder) }
        let writing = Writing(folder: folder)
        let counts = try await Self.export(store, into: folder, checking: writing.extent { _, _, _ in })
        let file = folder.appendingPathComponent("backup.gz")
        #expect(try ArchiveReader.verify(file) == counts)
        #expect(counts.auditEvents >= 1 && counts.patients == patients)
        let restored = InMemoryStore()
        #expect(try await ArchiveReader.restore(from: file, into: restored) == counts)
        let original = try await ArchivableStoreConformance.allRecords(of: store)
        #expect(try await ArchivableStoreConformance.allRecords(of: restored) == original)
        #expect(writing.extent?.isRefused == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["backup.gz"])
    }
}
