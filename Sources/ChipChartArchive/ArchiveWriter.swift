import CZlib
import ChipChart
public import Foundation

/// Writes archives: one gzip-compressed file, readable by `gunzip`, of JSON lines.
///
/// The format (described by `Schemas/archive/chipchart-archive.schema.json`):
/// 1. a header line, ``ArchiveHeader``: format name, version, creation time, counts;
/// 2. one line per record, an object with a single member naming its kind — `patient`,
///    `coverage`, `visit`, `auditEvent` — in that order of kinds, audit events in sequence order;
/// 3. a trailer line `{"end":{"crc32":"…","records":N}}` with the CRC-32 (hex) of every byte before it.
///
/// Keys are sorted and instants are seconds since 1970, so the same contents give the same bytes.
///
/// ```swift
/// try ArchiveWriter.write(contents, to: URL(fileURLWithPath: "backup.gz"))
/// let restored = try ArchiveReader.read(from: URL(fileURLWithPath: "backup.gz"))
/// ```
public enum ArchiveWriter {
    /// Writes contents to a new file (replacing one that exists).
    ///
    /// - Throws: ``ArchiveError`` (`fileError`).
    public static func write(_ contents: ArchiveContents, to url: URL, createdAt: Date = Date()) throws(ArchiveError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ArchiveError(code: .fileError, message: "the archive file could not be created")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw ArchiveError(code: .fileError, message: "the archive file could not be opened")
        }
        defer { try? handle.close() }
        let gzip = try GzipWriter(handle: handle)
        let encoder = ArchiveLine.encoder()
        var crc = crc32(0, nil, 0)
        var records = 0
        func emit(_ value: some Encodable) throws(ArchiveError) {
            var bytes: [UInt8]
            do {
                bytes = [UInt8](try encoder.encode(value))
            } catch {
                throw ArchiveError(code: .fileError, message: "a record could not be encoded")
            }
            bytes.append(UInt8(ascii: "\n"))
            crc = bytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
            try gzip.write(bytes)
        }
        try emit(ArchiveHeader(createdAt: createdAt, counts: contents.counts))
        for patient in contents.patients { try emit(ArchiveLine(patient: patient)) }
        for coverage in contents.coverages { try emit(ArchiveLine(coverage: coverage)) }
        for visit in contents.visits { try emit(ArchiveLine(visit: visit)) }
        for event in contents.auditEvents { try emit(ArchiveLine(auditEvent: event)) }
        records = contents.counts.total
        try emit(ArchiveLine(end: ArchiveLine.Trailer(records: records, crc32: String(crc, radix: 16))))
        try gzip.finish()
    }
}
