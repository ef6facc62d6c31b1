import Foundation

/// A write buffer of UTF-8 bytes over a file handle that can patch bytes it already wrote.
struct BufferedOutput {
    let handle: FileHandle
    let capacity: Int
    private var buffer: [UInt8] = []
    /// Each table's XML on its way to base64, reused from visit to visit.
    private var scratch: [UInt8] = []
    private var flushed = 0
    private var base: UInt64?

    init(handle: FileHandle, capacity: Int) {
        self.handle = handle
        self.capacity = capacity
        buffer.reserveCapacity(capacity + capacity / 2)
    }

    /// The number of bytes written so far, buffered ones included.
    var written: Int { flushed + buffer.count }

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
        if buffer.count >= capacity { try flush() }
    }

    /// Writes one visit's `HOSO`, its tables' XML encoded straight into the buffer.
    mutating func write(_ claim: Claim) throws(ClaimsError) {
        ClaimEnvelope.appendRecord(claim, to: &buffer, scratch: &scratch)
        if buffer.count >= capacity { try flush() }
    }

    mutating func flush() throws(ClaimsError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ClaimsError(code: .writeFailed, message: "writing the claims file failed")
        }
        flushed += buffer.count
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
