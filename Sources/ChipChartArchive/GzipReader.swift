import CZlib
import Foundation

/// Reads the lines of a gzip-compressed file, decompressing as it goes.
///
/// The newline search resumes where the last one stopped, so a long line costs time in
/// proportion to its length; a line longer than ``maximumLineLength`` is refused before it
/// fills memory. The file must hold exactly one gzip member and nothing after it.
final class GzipReader {
    /// The longest line accepted, newline excluded: 16 MiB, far above any real record.
    static let maximumLineLength = 16 << 20

    private var stream = z_stream()
    private let handle: any ArchiveByteSource
    private let maximumLineLength: Int
    private var input: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []
    private var pendingStart = 0
    /// Where the next newline search starts: every byte before it (from `pendingStart`) is known
    /// to hold no newline.
    private var scanned = 0
    private var ended = false

    init(handle: any ArchiveByteSource, maximumLineLength: Int = GzipReader.maximumLineLength) throws(ArchiveError) {
        self.handle = handle
        self.maximumLineLength = max(1, maximumLineLength)
        guard czlib_inflate_init_gzip(&stream) == Z_OK else {
            throw ArchiveError(code: .fileError, message: "the decompressor could not start")
        }
    }

    deinit {
        inflateEnd(&stream)
    }

    /// True once the gzip stream ended cleanly (its checksum verified by zlib).
    var reachedEnd: Bool { ended }

    /// The next line without its `\n`, or `nil` at the end of the data.
    ///
    /// - Throws: ``ArchiveError`` `lineTooLong` (without a line number: the caller knows it),
    ///   `truncated`, `corrupt` or `fileError`.
    func nextLine() throws(ArchiveError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = pending[max(scanned, pendingStart)...].firstIndex(of: UInt8(ascii: "\n")) {
                guard newline - pendingStart <= maximumLineLength else { throw lineTooLong() }
                let line = pending[pendingStart..<newline]
                pendingStart = newline + 1
                scanned = pendingStart
                return line
            }
            scanned = pending.count
            guard pending.count - pendingStart <= maximumLineLength else { throw lineTooLong() }
            if ended {
                guard pendingStart < pending.count else { return nil }
                let line = pending[pendingStart...]
                pendingStart = pending.count
                scanned = pendingStart
                return line
            }
            try inflateMore()
        }
    }

    /// Checks that nothing follows the gzip member: no second member, no stray bytes.
    ///
    /// Call it once ``nextLine()`` has returned `nil`.
    ///
    /// - Throws: ``ArchiveError`` `corrupt` when bytes follow, `fileError` when reading fails.
    func checkNothingFollows() throws(ArchiveError) {
        guard ended else { return }
        let rest: Data?
        do {
            rest = try handle.read(upToCount: 1)
        } catch {
            throw ArchiveError(code: .fileError, message: "reading the archive failed")
        }
        guard stream.avail_in == 0, rest?.isEmpty ?? true else {
            throw ArchiveError(code: .corrupt, message: "data follows the end of the compressed archive")
        }
    }

    private func lineTooLong() -> ArchiveError {
        ArchiveError(
            code: .lineTooLong,
            message: "the line is longer than \(maximumLineLength >> 20) MiB, the longest an archive may hold"
        )
    }

    private func inflateMore() throws(ArchiveError) {
        if pendingStart > 0 {
            pending.removeFirst(pendingStart)
            scanned -= pendingStart
            pendingStart = 0
        }
        if stream.avail_in == 0 {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 16)
            } catch {
                throw ArchiveError(code: .fileError, message: "reading the archive failed")
            }
            guard let chunk, !chunk.isEmpty else {
                throw ArchiveError(code: .truncated, message: "the compressed data ends before the archive does")
            }
            input = [UInt8](chunk)
        }
        var status: Int32 = Z_OK
        let offset = input.count - Int(stream.avail_in == 0 ? UInt32(input.count) : stream.avail_in)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress.map { $0 + offset }
            stream.avail_in = UInt32(inputBuffer.count - offset)
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                status = inflate(&stream, Z_NO_FLUSH)
            }
            stream.next_in = nil
        }
        pending.append(contentsOf: output[0..<(output.count - Int(stream.avail_out))])
        switch status {
        case Z_STREAM_END: ended = true
        case Z_OK, Z_BUF_ERROR: break
        default:
            throw ArchiveError(code: .corrupt, message: "the compressed data is damaged")
        }
    }
}
