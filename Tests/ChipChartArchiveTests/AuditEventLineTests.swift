import ChipChart
import Foundation
import Testing

@testable import ChipChartArchive

/// Audit event lines read directly are the events `JSONDecoder` reads; anything else is left to it.
@Suite("Audit event lines read directly")
struct AuditEventLineTests {
    /// The lines of the sample archive's events, written as an export writes them.
    static func lines() throws -> [(AuditEvent, [UInt8])] {
        var writer = JSONLineWriter()
        return try ArchiveTests.contents().auditEvents.map { event in
            writer.reset()
            writer.write(.auditEvent(event))
            return (event, writer.bytes)
        }
    }

    /// What `JSONDecoder` reads from a line: an event, or `nil`.
    static func decoded(_ line: [UInt8]) -> AuditEvent? {
        guard
            case .auditEvent(let event) = (try? ArchiveLine.decoder().decode(ArchiveLine.self, from: Data(line)))?
                .record
        else { return nil }
        return event
    }

    @Test func aLineAsWrittenIsReadDirectlyAsTheEventItHolds() throws {
        let lines = try Self.lines()
        #expect(!lines.isEmpty)
        for (event, line) in lines {
            #expect(line.withUnsafeBytes { AuditEventLine.read($0) } == event)
        }
    }

    @Test func aDamagedLineReadDirectlyIsWhatJSONDecoderReads() throws {
        for (_, line) in try Self.lines() {
            for position in line.indices {
                for replacement: UInt8 in [0x20, 0x22, 0x30, 0x41, 0x5C, 0x7D, 0xFF] {
                    var damaged = line
                    damaged[position] = replacement
                    guard let direct = damaged.withUnsafeBytes({ AuditEventLine.read($0) }) else { continue }
                    #expect(direct == Self.decoded(damaged), "byte \(position) as \(replacement)")
                }
            }
            for length in 0..<line.count {
                #expect(Array(line.prefix(length)).withUnsafeBytes { AuditEventLine.read($0) } == nil)
            }
        }
    }

    @Test func otherLinesAreLeftToJSONDecoder() throws {
        let contents = try ArchiveTests.contents()
        var writer = JSONLineWriter()
        for record in contents.patients.map(ArchiveRecord.patient) + contents.visits.map(ArchiveRecord.visit) {
            writer.reset()
            writer.write(record)
            #expect(writer.bytes.withUnsafeBytes { AuditEventLine.read($0) } == nil)
        }
        let spaced = Array(#"{"auditEvent": {}}"#.utf8)
        #expect(spaced.withUnsafeBytes { AuditEventLine.read($0) } == nil)
    }
}
