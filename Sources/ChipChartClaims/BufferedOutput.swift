import Foundation

/// A write buffer over a file handle that can patch bytes it already wrote.
struct BufferedOutput {
    let handle: FileHandle
    let capacity: Int
    private var buffer = Data()
    private(set) var written = 0
    private var base: UInt64?

    init(handle: FileHandle, capacity: Int) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// The file offset the next byte will have; needs a seekable handle.
    mutating func offset() throws(ClaimsError) -> UInt64 {
        if base == nil {
            do {
                base = try handle.offset()
            } catch {
                throw ClaimsError(code: .writeFailed, message: "the output is not seekable: pass the expected count")
            }
        }
        return (base ?? 0) + UInt64(written)
    }

    mutating func write(_ text: String) throws(ClaimsError) {
        buffer.append(contentsOf: text.utf8)
        written += text.utf8.count
        if buffer.count >= capacity { try flush() }
    }

    mutating func flush() throws(ClaimsError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ClaimsError(code: .writeFailed, message: "writing the claims file failed")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Overwrites bytes at an offset already written, then returns to the end.
    mutating func patch(_ text: String, at offset: UInt64) throws(ClaimsError) {
        try flush()
        do {
            let end = try handle.offset()
            try handle.seek(toOffset: offset)
            try handle.write(contentsOf: Data(text.utf8))
            try handle.seek(toOffset: end)
        } catch {
            throw ClaimsError(code: .writeFailed, message: "patching the claim count failed")
        }
    }
}
