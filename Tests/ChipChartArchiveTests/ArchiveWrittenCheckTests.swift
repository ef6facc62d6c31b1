import ChipChart
import ChipChartTesting
import Foundation
import Testing

@testable import ChipChartArchive

/// The export's check of the file it has just written: the ids and references of each line, the
/// checksum, the counts, the order and the audit chain, as ``ArchiveReader/verify(_:)`` checks
/// them, without the names and codes of the records being checked again.
@Suite("The export's check of its own file")
struct ArchiveWrittenCheckTests {
    /// The outcome of a check: the counts, or the error's code, line and message.
    static func outcome(_ check: () throws(ArchiveError) -> ArchiveRecord.Counts) -> String {
        do {
            return "\(try check())"
        } catch {
            return "\(error.code.name) at \(String(describing: error.line)): \(error.message)"
        }
    }

    static func outcomes(_ url: URL) -> (whole: String, written: String) {
        (
            outcome { () throws(ArchiveError) in try ArchiveReader.verify(url) },
            outcome { () throws(ArchiveError) in try ArchiveReader.verify(url, readsWhole: false) }
        )
    }

    @Test("it gives verify's verdict on every archive a writer can write", arguments: ArchiveCheckRunTests.damages)
    func theSameVerdictAsVerify(_ damage: String) throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        var contents = try ArchiveCheckRunTests.damaged(damage)
        contents.patients += try ArchiveTests.patients(count: 50, seed: 7)
        // The sample visits (a chart among them), each id once, pointing at a patient kept.
        var seen = Set(contents.visits.map(\.id))
        for case .visit(var visit) in try JSONLineWriterTests.records() where seen.insert(visit.id).inserted {
            visit.patientID = contents.patients[contents.patients.count - 1].id
            visit.appliedCoverages = []
            contents.visits.append(visit)
        }
        try ArchiveWriter.write(contents, to: url)
        let (whole, written) = Self.outcomes(url)
        #expect(whole == written)
        #expect(whole.hasPrefix("corrupt") == (damage != "none"), "\(whole)")
    }

    @Test(
        "it refuses a file damaged after it was written as verify does",
        arguments: ["edited record", "dropped record", "no trailer", "swapped kinds", "cut"]
    )
    func theSameVerdictOnADamagedFile(_ damage: String) throws {
        let broken = try Self.damagedFile(damage)
        defer { try? FileManager.default.removeItem(at: broken) }
        let (whole, written) = Self.outcomes(broken)
        #expect(whole == written)
        #expect(!whole.hasPrefix("Counts"), "\(whole)")
    }

    /// The sample archive, damaged after it was written (`none` leaves it sound).
    static func damagedFile(_ damage: String) throws -> URL {
        let url = ArchiveTests.temporaryURL()
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        if damage == "none" { return url }
        if damage == "cut" {
            let data = try Data(contentsOf: url)
            try data.prefix(data.count * 2 / 3).write(to: url)
            return url
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try ArchiveTests.tampered(url) { lines in
            switch damage {
            case "edited record": lines[1] = lines[1].replacingOccurrences(of: "Nguyễn", with: "Nguyen")
            case "dropped record": lines.remove(at: 2)
            case "no trailer": lines.removeLast(2)
            default: lines.swapAt(2, 3)
            }
        }
    }

    /// A card code no longer valid, in a file sealed with a matching checksum: not a file the
    /// export writes from a store that checked the code on the way in. `verify` (and a restore)
    /// refuses it at its line; the export's check, which leaves codes as written, does not.
    @Test func aForgedCodeIsRefusedByVerifyButNotCheckedAgainAfterAnExport() throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        let forged = try Self.resealed(url) { lines in
            lines[2] = lines[2].replacingOccurrences(of: "\"DN4010123456789\"", with: "\"ZZ4010123456789\"")
        }
        defer { try? FileManager.default.removeItem(at: forged) }
        let (whole, written) = Self.outcomes(forged)
        #expect(whole == "corrupt at Optional(3): the line is not a valid record")
        #expect(written == "\(try ArchiveTests.contents().counts)")
        #expect(throws: ArchiveError.self) { try ArchiveReader.read(from: forged) }
    }

    /// Every record line as written gives the links of the record `JSONDecoder` reads, or none;
    /// cut short, none.
    @Test func linksAreThoseOfTheRecordRead() throws {
        for line in try RecordLineTests.lines() + RecordLineTests.goldenLines() {
            let links = line.withUnsafeBytes { JSONLineScanner.links($0, memo: nil) }
            let decoded = RecordLineTests.decoded(line)
            #expect(links == nil || links == decoded.map(RecordLinks.init), "\(String(decoding: line, as: UTF8.self))")
            #expect(links != nil || line.starts(with: Array("{\"auditEvent\":".utf8)))
            for length in stride(from: 0, to: line.count, by: 3) {
                #expect(Array(line.prefix(length)).withUnsafeBytes { JSONLineScanner.links($0, memo: nil) } == nil)
            }
        }
    }

    /// Rewrites an archive's text and seals it again: the trailer's CRC-32 matches the new text.
    static func resealed(_ url: URL, _ change: (inout [String]) -> Void) throws -> URL {
        try ArchiveTests.tampered(url) { lines in
            change(&lines)
            let body = lines.dropLast(2).map { $0 + "\n" }.joined()
            let crc = String(crc32(Array(body.utf8)), radix: 16)
            let trailer = lines[lines.count - 2]
            let old = trailer.range(of: #""crc32":"[0-9a-f]+""#, options: .regularExpression)
            if let old { lines[lines.count - 2].replaceSubrange(old, with: "\"crc32\":\"\(crc)\"") }
        }
    }

    /// CRC-32 (ISO-HDLC, as zlib and gzip compute it).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
