import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartArchive

/// Record lines read directly are the records `JSONDecoder` reads; anything else is left to it.
@Suite("Record lines read directly")
struct RecordLineTests {
    /// The golden archive of an earlier release, kept beside the store tests.
    static let goldenArchive = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(
            "ChipChartArchiveStoreTests/Fixtures/clinic-2026-11.chipchart.gz"
        )

    /// The record lines of every sample record and of generated patients, written as an export
    /// writes them.
    static func lines() throws -> [[UInt8]] {
        var writer = JSONLineWriter()
        let generated = try ArchiveTests.patients(count: 300, seed: 29).map(ArchiveRecord.patient)
        return try (JSONLineWriterTests.records() + generated).map { record in
            writer.reset()
            writer.write(record)
            return writer.bytes
        }
    }

    /// The record lines of the golden archive (not its header or trailer).
    static func goldenLines() throws -> [[UInt8]] {
        let handle = try FileHandle(forReadingFrom: goldenArchive)
        defer { try? handle.close() }
        let gzip = try GzipReader(handle: handle)
        var lines: [[UInt8]] = []
        while let line = try gzip.nextLine() { lines.append(Array(line)) }
        return Array(lines.dropFirst().dropLast())
    }

    /// What `JSONDecoder` reads from a line: a record, or `nil`.
    static func decoded(_ line: [UInt8]) -> ArchiveRecord? {
        (try? ArchiveLine.decoder().decode(ArchiveLine.self, from: Data(line)))?.record
    }

    static func direct(_ line: [UInt8]) -> ArchiveRecord? { line.withUnsafeBytes { RecordLine.read($0) } }

    /// The kind a record line names, for the parameterised cases.
    static func lines(of kind: String) throws -> [[UInt8]] {
        try (lines() + goldenLines()).filter { $0.starts(with: Array("{\"\(kind)\":".utf8)) }
    }

    @Test(arguments: ["patient", "coverage", "visit", "auditEvent"])
    func aLineAsWrittenIsReadDirectlyAsTheRecordJSONDecoderReads(kind: String) throws {
        let lines = try Self.lines(of: kind)
        var read = 0
        for line in lines {
            let direct = Self.direct(line)
            // A string with an escape (a quote, a line feed) goes to JSONDecoder.
            #expect(direct != nil || line.contains(UInt8(ascii: "\\")), "\(String(decoding: line, as: UTF8.self))")
            if let direct {
                #expect(direct == Self.decoded(line))
                read += 1
            }
        }
        #expect(read >= 2)
    }

    @Test(arguments: ["patient", "coverage", "visit", "auditEvent"])
    func aDamagedLineReadDirectlyIsWhatJSONDecoderReads(kind: String) throws {
        for line in try Self.lines(of: kind).prefix(3) {
            for position in line.indices {
                for replacement: UInt8 in [0x20, 0x22, 0x2C, 0x2D, 0x30, 0x39, 0x41, 0x61, 0x5C, 0x7D, 0xFF] {
                    var damaged = line
                    damaged[position] = replacement
                    guard let direct = Self.direct(damaged) else { continue }
                    #expect(direct == Self.decoded(damaged), "byte \(position) as \(replacement)")
                }
            }
            for length in 0..<line.count {
                #expect(Self.direct(Array(line.prefix(length))) == nil)
            }
        }
    }

    /// Values found in the memo are the values read again, however small the memo.
    @Test(arguments: [1, 2, 4096])
    func aMemoGivesTheRecordsReadWithoutOne(capacity: Int) throws {
        let memo = RecordLineMemo(capacity: capacity)
        let lines = try Self.lines() + Self.goldenLines()
        for _ in 0..<2 {
            for line in lines {
                #expect(line.withUnsafeBytes { RecordLine.read($0, memo: memo) } == Self.direct(line))
            }
        }
    }

    @Test(arguments: [
        #"{"patient": {}}"#,
        #"{"visit":{"chart":{}}}"#,
        #"{"auditEvent":{"action":"read","action":"read"}}"#,
        #"{"coverage":{"id":"9f1a2b3c-0000-4000-8000-000000000001"}}"#,
        #"{"end":{"records":0,"crc32":"0"}}"#,
    ])
    func otherLinesAreLeftToJSONDecoder(line: String) {
        #expect(Self.direct(Array(line.utf8)) == nil)
    }

    @Test func aChartedVisitIsLeftToJSONDecoder() async throws {
        let store = InMemoryStore()
        let visit = try await ChartSamples.chartedStay(in: store)
        #expect(!visit.chart.isEmpty)
        let line = [UInt8](try ArchiveLine.encoder().encode(ArchiveLine(.visit(visit))))
        #expect(Self.direct(line) == nil)
        #expect(Self.decoded(line) == .visit(visit))
    }

    /// A damaged record line in a file is refused as `JSONDecoder` refuses it, naming its line.
    @Test(arguments: [
        (#""version":"#, #""version":"one","#),
        (#""id":""#, #""id":"not-a-uuid","id2":""#),
        (#""status":""#, #""status":"unknown","s":""#),
    ])
    func aDamagedLineInAFileIsCorruptAtItsLine(original: String, damage: String) throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        var number = 0
        let damaged = try ArchiveTests.tampered(url) { lines in
            guard let index = lines.firstIndex(where: { $0.hasPrefix("{\"coverage\":") }) else { return }
            let edited = lines[index].replacingOccurrences(of: original, with: damage)
            number = edited == lines[index] ? 0 : index + 1
            lines[index] = edited
        }
        defer { try? FileManager.default.removeItem(at: damaged) }
        #expect(number > 1)
        #expect(throws: ArchiveError(code: .corrupt, line: number, message: "the line is not a valid record")) {
            let reader = try ArchiveFileReader(url: damaged)
            while try reader.next() != nil {}
        }
    }
}
