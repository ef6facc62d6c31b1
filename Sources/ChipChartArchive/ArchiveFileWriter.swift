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
    /// Writes record lines directly, the bytes the encoder would write.
    private var line = JSONLineWriter()
    private(set) var counts = ArchiveRecord.Counts()
    /// zlib's level 3, the fastest of its levels that still finds long matches: half the CPU
    /// time of level 6 for a file about a tenth larger (any level is the same gzip format).
    static let compressionLevel: Int32 = 3

    /// Where each new length of the file is published for a checker reading behind the writer.
    private let extent: WrittenExtent?

    /// Writes the header to `handle`, an empty file open for writing (its owner closes it).
    ///
    /// - Parameter extent: where to publish how far the file is written, for a checker reading
    ///   it meanwhile; `nil` for none.
    init(handle: FileHandle, header: ArchiveHeader, extent: WrittenExtent? = nil) throws(ArchiveError) {
        self.handle = handle
        self.extent = extent
        gzip = try GzipWriter(handle: handle, level: Self.compressionLevel)
        try emit(header)
    }

    /// Writes one record line.
    func write(_ record: ArchiveRecord) throws(ArchiveError) {
        counts.add(record)
        // A visit's chart is written by the encoder: the direct writer knows the fields of the
        // hot path only (a test compares the two on every sample).
        if case .visit(let visit) = record, !visit.chart.isEmpty {
            return try emit(ArchiveLine(record))
        }
        line.reset()
        line.write(record)
        try append(line.bytes)
    }

    /// Writes the trailer and ends the compressed stream (its owner flushes the file to disk).
    func finish() throws(ArchiveError) {
        let trailer = ArchiveLine.Trailer(records: counts.total, counts: counts, crc32: String(crc, radix: 16))
        try emit(ArchiveLine(end: trailer))
        try flush()
        try gzip.finish()
    }

    private func emit(_ value: some Encodable) throws(ArchiveError) {
        let encoded: Data
        do {
            encoded = try encoder.encode(value)
        } catch {
            throw ArchiveError(code: .fileError, message: "a record could not be encoded")
        }
        try append(encoded)
    }

    /// Appends a line and its line feed, counted in the CRC-32.
    private func append(_ json: some Collection<UInt8>) throws(ArchiveError) {
        let start = buffer.count
        buffer.append(contentsOf: json)
        buffer.append(UInt8(ascii: "\n"))
        crc = buffer[start...].withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// How many bytes the file holds so far (all of it once ``finish()`` has returned).
    var length: Int { gzip.bytesWritten }

    /// Compresses the buffered lines and publishes the file's new length.
    ///
    /// - Throws: ``WrittenExtent/refused`` once the checker has refused the file.
    private func flush() throws(ArchiveError) {
        guard !buffer.isEmpty else { return }
        try gzip.write(buffer)
        buffer.removeAll(keepingCapacity: true)
        try extent?.publish(gzip.bytesWritten)
    }
}
