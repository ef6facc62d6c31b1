import ChipChart
import ChipChartArchive
import Foundation
import Testing

/// Files made to hurt the reader: endless lines, data after the end.
@Suite("Archives that are hostile")
struct ArchiveHostileFileTests {
    /// Gzip-compresses `text` into a file with the system's `gzip`.
    static func gzipped(_ bytes: Data) throws -> URL {
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try bytes.write(to: plain)
        _ = try ArchiveTests.shell("gzip -f '\(plain.path)'")
        return plain.appendingPathExtension("gz")
    }

    /// The first line of a real archive.
    static func headerLine() throws -> Data {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        let text = try ArchiveTests.shell("gunzip -c '\(url.path)' | head -n 1")
        return Data(text.utf8)
    }

    @Test func anEndlessLineIsRefusedByNameQuickly() throws {
        // 20 MiB of zero bytes with no newline: a small file that inflates to one huge line.
        let url = try Self.gzipped(Data(count: 20 << 20))
        defer { try? FileManager.default.removeItem(at: url) }
        let started = Date()
        #expect {
            try ArchiveReader.read(from: url)
        } throws: { error in
            guard let error = error as? ArchiveError else { return false }
            return error.code.name == "lineTooLong" && error.line == 1
        }
        #expect(Date().timeIntervalSince(started) < 20, "the reader stays linear in the line's length")
    }

    @Test func aLongLineAfterTheHeaderNamesItsLine() throws {
        var bytes = try Self.headerLine()
        bytes.append(Data(repeating: UInt8(ascii: "a"), count: 17 << 20))
        let url = try Self.gzipped(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try ArchiveReader.read(from: url)
        } throws: { error in
            guard let error = error as? ArchiveError else { return false }
            return error.code.name == "lineTooLong" && error.line == 2
                && error.description.contains("(line 2)") && error.message.contains("16 MiB")
        }
    }

    /// A sound archive with `suffix` appended to the compressed file.
    static func archive(followedBy suffix: String) throws -> URL {
        let url = ArchiveTests.temporaryURL()
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        var data = try Data(contentsOf: url)
        switch suffix {
        case "second member":
            let extra = try gzipped(Data("{\"patient\":{}}\n".utf8))
            defer { try? FileManager.default.removeItem(at: extra) }
            data.append(try Data(contentsOf: extra))
        case "copy of itself":
            data.append(data)
        default:
            data.append(Data("garbage".utf8))
        }
        try data.write(to: url)
        return url
    }

    @Test(arguments: ["second member", "copy of itself", "garbage bytes"])
    func dataAfterTheArchiveIsCorrupt(_ suffix: String) throws {
        let url = try Self.archive(followedBy: suffix)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try ArchiveReader.read(from: url)
        } throws: { ($0 as? ArchiveError)?.code == .corrupt }
    }

    @Test func extraLinesAfterTheTrailerAreCorrupt() throws {
        let url = ArchiveTests.temporaryURL()
        defer { try? FileManager.default.removeItem(at: url) }
        try ArchiveWriter.write(try ArchiveTests.contents(), to: url)
        let broken = try ArchiveTests.tampered(url) { lines in lines.append("{\"patient\":{}}") }
        defer { try? FileManager.default.removeItem(at: broken) }
        #expect {
            try ArchiveReader.read(from: broken)
        } throws: { ($0 as? ArchiveError)?.code == .corrupt }
    }
}
