import ChipChart
import Foundation

/// Reads and decodes an archive on a thread of its own, a few chunks of records ahead of the
/// store that restores them, so that the file's work (inflating, parsing JSON) and the store's
/// work overlap.
///
/// Records come out in file order, and the file's error at the place where it happened. At most
/// `chunks` chunks of `chunkSize` records wait in memory. The reader belongs to the thread from
/// `init` on; ``stop()`` ends the thread (after the last record, or early when the restore
/// failed) and must be called once.
final class ArchiveReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let exited = DispatchSemaphore(value: 0)
    private let chunks: Int
    // Shared, under `condition`.
    private var ready: [[ArchiveRecord]] = []
    private var ended = false
    private var failure: ArchiveError?
    private var stopping = false
    // The consumer's own.
    private var current: [ArchiveRecord] = []
    private var position = 0

    /// Starts reading `file` ahead.
    init(_ file: ArchiveFileReader, chunkSize: Int = 256, chunks: Int = 8) {
        self.chunks = max(1, chunks)
        nonisolated(unsafe) let file = file
        let size = max(1, chunkSize)
        let thread = Thread { [self] in
            produce(file, chunkSize: size)
            exited.signal()
        }
        thread.name = "chipchart.archive.read-ahead"
        thread.start()
    }

    /// The next record, `nil` after the last.
    ///
    /// - Throws: the ``ArchiveError`` the file gave at this point.
    func next() throws(ArchiveError) -> ArchiveRecord? {
        while position == current.count {
            condition.lock()
            while ready.isEmpty && !ended { condition.wait() }
            guard !ready.isEmpty else {
                let failure = self.failure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            current = ready.removeFirst()
            position = 0
            condition.broadcast()
            condition.unlock()
        }
        defer { position += 1 }
        return current[position]
    }

    /// Ends the reading thread and waits for it.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    private func produce(_ file: ArchiveFileReader, chunkSize: Int) {
        var chunk: [ArchiveRecord] = []
        chunk.reserveCapacity(chunkSize)
        var finished = false
        var error: ArchiveError?
        while !finished {
            do {
                if let record = try file.next() { chunk.append(record) } else { finished = true }
            } catch let failed {
                error = failed
                finished = true
            }
            guard finished || chunk.count == chunkSize else { continue }
            condition.lock()
            while ready.count >= chunks && !stopping { condition.wait() }
            guard !stopping else {
                condition.unlock()
                return
            }
            ready.append(chunk)
            if finished {
                ended = true
                failure = error
            }
            condition.broadcast()
            condition.unlock()
            chunk = []
            chunk.reserveCapacity(chunkSize)
        }
    }
}
