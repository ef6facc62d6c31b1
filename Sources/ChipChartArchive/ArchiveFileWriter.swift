import CZlib
import ChipChart
import Foundation

/// Writes the lines of one archive file as they come: header, records, trailer. Only the
/// running counts and CRC-32 are kept, so memory stays flat however many records pass.
final class ArchiveFileWriter {
    private let handle: FileHandle
    private let gzip: GzipWriter
    private let encoder = ArchiveLine.encoder()
    private var crc = crc32(0, nil, 0)
    private var buffer: [UInt8] = []
    private(set) var counts = ArchiveRecord.Counts()

    /// Creates (or replaces) the file and writes the header.
    init(url: URL, header: ArchiveHeader) throws(ArchiveError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ArchiveError(code: .fileError, message: "the archive file could not be created")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw ArchiveError(code: .fileError, message: "the archive file could not be opened")
        }
        gzip = try GzipWriter(handle: handle)
        try emit(header)
    }

    deinit {
        try? handle.close()
    }

    /// Writes one record line.
    func write(_ record: ArchiveRecord) throws(ArchiveError) {
        counts.add(record)
        try emit(ArchiveLine(record))
    }

    /// Writes the trailer, ends the compressed stream and closes the file.
    func finish() throws(ArchiveError) {
        let trailer = ArchiveLine.Trailer(records: counts.total, counts: counts, crc32: String(crc, radix: 16))
        try emit(ArchiveLine(end: trailer))
        try flush()
        try gzip.finish()
        do {
            try handle.synchronize()
        } catch {
            throw ArchiveError(code: .fileError, message: "the archive could not be flushed to disk")
        }
    }

    private func emit(_ value: some Encodable) throws(ArchiveError) {
        let start = buffer.count
        do {
            buffer.append(contentsOf: try encoder.encode(value))
        } catch {
            throw ArchiveError(code: .fileError, message: "a record could not be encoded")
        }
        buffer.append(UInt8(ascii: "\n"))
        crc = buffer[start...].withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(ArchiveError) {
        guard !buffer.isEmpty else { return }
        try gzip.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
