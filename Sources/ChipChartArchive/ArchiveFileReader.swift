import CZlib
import ChipChart
import Foundation

/// Reads an archive file one record at a time, checking as it goes: the header's format and
/// version, each line's JSON, the order of kinds, and at the trailer the counts and CRC-32.
///
/// ``next()`` returns `nil` only once the trailer has been checked, so a consumer that stops at
/// `nil` has read a whole, sound archive; any damage throws first.
final class ArchiveFileReader {
    private let handle: any ArchiveByteSource
    private let gzip: GzipReader
    private let decoder = ArchiveLine.decoder()
    /// Staff, facilities and codes read before, for the lines read directly.
    private let memo = RecordLineMemo()
    private var crc: UInt
    /// The number of the last line read, from 1.
    private(set) var number = 1
    private var finished = false
    private var lastRank = 0
    private(set) var counts = ArchiveRecord.Counts()
    /// The checked header.
    let header: ArchiveHeader

    /// Opens the file and checks its header.
    convenience init(url: URL) throws(ArchiveError) {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw ArchiveError(code: .fileError, message: "the archive file could not be opened")
        }
        try self.init(source: handle)
    }

    /// Reads the file `source` gives and checks its header.
    init(source handle: any ArchiveByteSource) throws(ArchiveError) {
        self.handle = handle
        gzip = try GzipReader(handle: handle)
        guard let line = try Self.line(1, of: gzip) else {
            throw ArchiveError(code: .truncated, line: 1, message: "the archive is empty")
        }
        header = try Self.header(from: line, decoder: decoder)
        crc = Self.checksum(Self.lineFeed, Self.checksum(line, crc32(0, nil, 0)))
    }

    deinit {
        try? (handle as? FileHandle)?.close()
    }

    /// The next record, or `nil` after a trailer that matches everything read.
    func next() throws(ArchiveError) -> ArchiveRecord? {
        var record: ArchiveRecord?
        let found = try nextLine(
            direct: { line, memo in
                record = RecordLine.read(line, memo: memo)
                return record?.rank
            },
            whole: { record = $0 }
        )
        return found ? record : nil
    }

    /// The links of the next record (``RecordLinks``), or `nil` after a trailer that matches
    /// everything read. A line as this library's writer writes it is not read whole: use it only
    /// for a file this process has just written from a store's records (the export's check).
    func nextLinks() throws(ArchiveError) -> RecordLinks? {
        var links: RecordLinks?
        let found = try nextLine(
            direct: { line, memo in
                links =
                    JSONLineScanner.links(line, memo: memo) ?? RecordLine.read(line, memo: memo).map(RecordLinks.init)
                return links?.rank
            },
            whole: { links = RecordLinks($0) }
        )
        return found ? links : nil
    }

    /// Reads and checks the next line: `direct` reads it when it can (giving the rank of its
    /// record's kind), else `JSONDecoder` reads it and `whole` takes its record. False after the
    /// trailer.
    private func nextLine(
        direct: (UnsafeRawBufferPointer, RecordLineMemo) -> Int?,
        whole: (ArchiveRecord) -> Void
    ) throws(ArchiveError) -> Bool {
        guard !finished else { return false }
        guard let line = try Self.line(number + 1, of: gzip) else {
            throw ArchiveError(code: .truncated, line: number, message: "the archive ends without its trailer")
        }
        number += 1
        let rank: Int
        if let direct = line.withUnsafeBytes({ direct($0, memo) }) {
            rank = direct
        } else {
            let decoded: ArchiveLine
            do {
                decoded = try decoder.decode(ArchiveLine.self, from: Data(line))
            } catch {
                throw ArchiveError(code: .corrupt, line: number, message: "the line is not a valid record")
            }
            if let end = decoded.end {
                try check(end)
                finished = true
                return false
            }
            guard let known = decoded.record else {
                throw ArchiveError(code: .corrupt, line: number, message: "the line holds no known record")
            }
            whole(known)
            rank = known.rank
        }
        crc = Self.checksum(Self.lineFeed, Self.checksum(line, crc))
        guard rank >= lastRank else {
            throw ArchiveError(code: .corrupt, line: number, message: "the records are not ordered by kind")
        }
        lastRank = rank
        counts.add(rank: rank)
        return true
    }

    private func check(_ end: ArchiveLine.Trailer) throws(ArchiveError) {
        let expected = end.counts ?? header.counts
        let countsMatch =
            end.records == counts.total && expected == counts && (header.counts == nil || header.counts == counts)
        guard countsMatch, header.version < 2 || end.counts != nil else {
            throw ArchiveError(code: .corrupt, line: number, message: "the record counts do not match")
        }
        guard end.crc32 == String(crc, radix: 16) else {
            throw ArchiveError(code: .corrupt, line: number, message: "the checksum does not match")
        }
        guard try Self.line(number + 1, of: gzip) == nil else {
            throw ArchiveError(code: .corrupt, line: number + 1, message: "data follows the trailer")
        }
        do {
            try gzip.checkNothingFollows()
        } catch {
            throw ArchiveError(code: error.code, line: error.line ?? number + 1, message: error.message)
        }
    }

    /// The next line of `gzip`, which is line `number` of the archive: an error without a line
    /// of its own (a line too long, damaged compression) names that one.
    private static func line(_ number: Int, of gzip: GzipReader) throws(ArchiveError) -> ArraySlice<UInt8>? {
        do {
            return try gzip.nextLine()
        } catch {
            throw ArchiveError(code: error.code, line: error.line ?? number, message: error.message)
        }
    }

    private static let lineFeed: ArraySlice<UInt8> = [UInt8(ascii: "\n")]

    private static func checksum(_ bytes: ArraySlice<UInt8>, _ crc: UInt) -> UInt {
        bytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
    }

    private static func header(from line: ArraySlice<UInt8>, decoder: JSONDecoder) throws(ArchiveError) -> ArchiveHeader
    {
        let header: ArchiveHeader
        do {
            header = try decoder.decode(ArchiveHeader.self, from: Data(line))
        } catch {
            throw ArchiveError(code: .corrupt, line: 1, message: "the first line is not an archive header")
        }
        guard header.format == ArchiveHeader.formatName else {
            throw ArchiveError(code: .corrupt, line: 1, message: "not a ChipChart archive")
        }
        guard header.version <= ArchiveHeader.currentVersion else {
            throw ArchiveError(
                code: .newerVersion,
                line: 1,
                message: "format version \(header.version) is newer than \(ArchiveHeader.currentVersion)"
            )
        }
        guard header.version >= 2 || header.counts != nil else {
            throw ArchiveError(code: .corrupt, line: 1, message: "a version 1 header must give the counts")
        }
        return header
    }
}
