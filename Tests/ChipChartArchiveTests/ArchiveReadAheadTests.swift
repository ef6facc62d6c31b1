import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartArchive

@Suite("Reading an archive ahead, on a thread of its own", .timeLimit(.minutes(1)))
struct ArchiveReadAheadTests {
    /// An archive of `count` synthetic patients.
    static func archive(patients count: Int) throws -> URL {
        let url = ArchiveTests.temporaryURL()
        let patients = try ArchiveTests.patients(count: count, seed: 5)
        try ArchiveWriter.write(ArchiveContents(patients: patients), to: url)
        return url
    }

    /// Every record a reader gives, and the error that ended it, if any.
    static func drain(_ next: () throws(ArchiveError) -> ArchiveRecord?) -> ([ArchiveRecord], ArchiveError?) {
        var records: [ArchiveRecord] = []
        do {
            while let record = try next() { records.append(record) }
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    @Test(arguments: [(1, 1), (3, 2), (256, 8), (1000, 1)])
    func recordsComeOutInFileOrder(_ chunkSize: Int, _ chunks: Int) throws {
        let url = try Self.archive(patients: 50)
        defer { try? FileManager.default.removeItem(at: url) }
        let plain = try ArchiveFileReader(url: url)
        let (expected, plainError) = Self.drain { () throws(ArchiveError) in try plain.next() }
        let ahead = ArchiveReadAhead(try ArchiveFileReader(url: url), chunkSize: chunkSize, chunks: chunks)
        defer { ahead.stop() }
        let (records, error) = Self.drain { () throws(ArchiveError) in try ahead.next() }
        #expect(plainError == nil && error == nil)
        #expect(records.count == 50)
        #expect(records == expected)
        #expect(try ahead.next() == nil, "the end stays the end")
    }

    @Test(arguments: [0.3, 0.8])
    func aCutFileGivesTheRecordsBeforeTheCutThenTheSameError(_ fraction: Double) throws {
        let url = try Self.archive(patients: 400)
        defer { try? FileManager.default.removeItem(at: url) }
        let data = try Data(contentsOf: url)
        try data.prefix(Int(Double(data.count) * fraction)).write(to: url)
        let plain = try ArchiveFileReader(url: url)
        let (expected, plainError) = Self.drain { () throws(ArchiveError) in try plain.next() }
        let ahead = ArchiveReadAhead(try ArchiveFileReader(url: url), chunkSize: 7, chunks: 3)
        defer { ahead.stop() }
        let (records, error) = Self.drain { () throws(ArchiveError) in try ahead.next() }
        #expect(plainError?.code == .truncated)
        #expect(error?.code == plainError?.code)
        #expect(records == expected, "\(records.count) records before the cut, \(expected.count) expected")
    }

    @Test func stoppingEarlyEndsTheThreadWhileItWaitsForRoom() throws {
        let url = try Self.archive(patients: 2_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let ahead = ArchiveReadAhead(try ArchiveFileReader(url: url), chunkSize: 4, chunks: 2)
        for _ in 0..<5 { _ = try ahead.next() }
        Thread.sleep(forTimeInterval: 0.05)
        ahead.stop()
    }
}
