import CZlib
import ChipChart
public import Foundation

/// Reads archives written by ``ArchiveWriter``, all or nothing.
///
/// Every line is checked as it is read: the header's format and version, each record's JSON,
/// the counts of each kind against the header, and the trailer's record count and CRC-32. Only
/// an archive that passes every check is returned, so a caller that loads the result into an
/// empty store in one ``ChipChart/ChangeSet`` never writes half an archive.
public enum ArchiveReader {
    /// Reads the header line only.
    ///
    /// - Throws: ``ArchiveError`` (`fileError`, `truncated`, `corrupt`, `newerVersion`).
    public static func header(of url: URL) throws(ArchiveError) -> ArchiveHeader {
        let handle = try open(url)
        defer { try? handle.close() }
        return try readHeader(try GzipReader(handle: handle)).header
    }

    /// Reads and checks a whole archive.
    ///
    /// - Throws: ``ArchiveError``: `truncated` when the file ends early, `corrupt` for damaged
    ///   compression, JSON, counts or checksum (naming the line), `newerVersion` for a format
    ///   this library does not know, `fileError` when the file cannot be read.
    public static func read(from url: URL) throws(ArchiveError) -> ArchiveContents {
        let handle = try open(url)
        defer { try? handle.close() }
        let reader = try GzipReader(handle: handle)
        let (header, headerLine) = try readHeader(reader)
        let decoder = ArchiveLine.decoder()
        var contents = ArchiveContents()
        var crc = checksum(headerLine + [UInt8(ascii: "\n")], crc32(0, nil, 0))
        var number = 1
        while let line = try reader.nextLine() {
            number += 1
            let decoded: ArchiveLine
            do {
                decoded = try decoder.decode(ArchiveLine.self, from: Data(line))
            } catch {
                throw ArchiveError(code: .corrupt, line: number, message: "the line is not a valid record")
            }
            if let end = decoded.end {
                guard end.records == header.counts.total, contents.counts == header.counts else {
                    throw ArchiveError(
                        code: .corrupt,
                        line: number,
                        message: "the record counts do not match the header"
                    )
                }
                guard end.crc32 == String(crc, radix: 16) else {
                    throw ArchiveError(code: .corrupt, line: number, message: "the checksum does not match")
                }
                guard try reader.nextLine() == nil else {
                    throw ArchiveError(code: .corrupt, line: number + 1, message: "data follows the trailer")
                }
                return contents
            }
            crc = checksum(line, crc)
            crc = checksum([UInt8(ascii: "\n")], crc)
            if let patient = decoded.patient {
                contents.patients.append(patient)
            } else if let coverage = decoded.coverage {
                contents.coverages.append(coverage)
            } else if let visit = decoded.visit {
                contents.visits.append(visit)
            } else if let event = decoded.auditEvent {
                contents.auditEvents.append(event)
            } else {
                throw ArchiveError(code: .corrupt, line: number, message: "the line holds no known record")
            }
        }
        throw ArchiveError(code: .truncated, line: number, message: "the archive ends without its trailer")
    }

    private static func checksum(_ bytes: some Collection<UInt8>, _ crc: UInt) -> UInt {
        Array(bytes).withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
    }

    private static func open(_ url: URL) throws(ArchiveError) -> FileHandle {
        do {
            return try FileHandle(forReadingFrom: url)
        } catch {
            throw ArchiveError(code: .fileError, message: "the archive file could not be opened")
        }
    }

    private static func readHeader(_ reader: GzipReader) throws(ArchiveError) -> (header: ArchiveHeader, line: [UInt8])
    {
        guard let line = try reader.nextLine() else {
            throw ArchiveError(code: .truncated, line: 1, message: "the archive is empty")
        }
        let header: ArchiveHeader
        do {
            header = try ArchiveLine.decoder().decode(ArchiveHeader.self, from: Data(line))
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
        return (header, Array(line))
    }
}
