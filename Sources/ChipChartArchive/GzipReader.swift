import CZlib
import Foundation

/// Reads the lines of a gzip-compressed file, decompressing as it goes.
final class GzipReader {
    private var stream = z_stream()
    private let handle: FileHandle
    private var input: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var ended = false
    private var inputExhausted = false

    init(handle: FileHandle) throws(ArchiveError) {
        self.handle = handle
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
    func nextLine() throws(ArchiveError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = pending[pendingStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pendingStart..<newline]
                pendingStart = newline + 1
                return line
            }
            if ended {
                guard pendingStart < pending.count else { return nil }
                let line = pending[pendingStart...]
                pendingStart = pending.count
                return line
            }
            try inflateMore()
        }
    }

    private func inflateMore() throws(ArchiveError) {
        if pendingStart > 0 {
            pending.removeFirst(pendingStart)
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
