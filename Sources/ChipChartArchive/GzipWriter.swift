import CZlib
import Foundation

/// Compresses bytes into a gzip stream (RFC 1952, readable by `gunzip`) written to a file handle.
final class GzipWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false
    /// How many compressed bytes have been written to the handle.
    private(set) var bytesWritten = 0

    init(handle: FileHandle, level: Int32 = 6) throws(ArchiveError) {
        self.handle = handle
        guard czlib_deflate_init_gzip(&stream, level) == Z_OK else {
            throw ArchiveError(code: .fileError, message: "the compressor could not start")
        }
    }

    deinit {
        deflateEnd(&stream)
    }

    /// Compresses and writes bytes.
    func write(_ bytes: [UInt8]) throws(ArchiveError) {
        try run(bytes, flush: Z_NO_FLUSH)
    }

    /// Ends the gzip stream (its CRC and length trailer) and writes what is left.
    func finish() throws(ArchiveError) {
        guard !finished else { return }
        finished = true
        try run([], flush: Z_FINISH)
    }

    private func run(_ bytes: [UInt8], flush: Int32) throws(ArchiveError) {
        var input = bytes
        var failure: ArchiveError?
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                let produced = output.withUnsafeMutableBufferPointer { outputBuffer -> Int in
                    stream.next_out = outputBuffer.baseAddress
                    stream.avail_out = UInt32(outputBuffer.count)
                    let status = deflate(&stream, flush)
                    if status == Z_STREAM_ERROR {
                        failure = ArchiveError(code: .fileError, message: "compression failed")
                    }
                    return outputBuffer.count - Int(stream.avail_out)
                }
                if failure == nil, produced > 0 {
                    do {
                        try handle.write(contentsOf: output[0..<produced])
                        bytesWritten += produced
                    } catch {
                        failure = ArchiveError(code: .fileError, message: "writing the archive failed")
                    }
                }
            } while failure == nil && stream.avail_out == 0
            stream.next_in = nil
        }
        if let failure { throw failure }
    }
}
