import Foundation

/// How far a file's writer has written, shared with a checker reading the file on another thread.
///
/// The writer publishes each new length (``publish(_:)``), then ``complete(_:)`` once the file is
/// whole and flushed, or ``abandon()`` when writing failed; the checker waits for bytes
/// (``length(beyond:)``) and, when it finds the file unsound, ``refuse()``s it, which makes the
/// writer's next ``publish(_:)`` throw so that the writing stops early.
final class WrittenExtent: @unchecked Sendable {
    /// Thrown by ``publish(_:)`` once the checker has refused the file: the checker's own error
    /// is the verdict.
    static let refused = ArchiveError(code: .corrupt, message: "the archive read back is not sound")

    private let condition = NSCondition()
    /// Called on the writer with the bytes written but not yet published (tests damage them, or
    /// fail the writing there).
    private let beforePublishing: (@Sendable (Range<Int>) throws(ArchiveError) -> Void)?
    // Shared, under `condition`.
    private var written = 0
    private var complete = false
    private var abandoned = false
    private var refusedByChecker = false

    /// - Parameter beforePublishing: called on the writer with each range of new bytes before the
    ///   checker may read them; `nil` for none.
    init(beforePublishing: (@Sendable (Range<Int>) throws(ArchiveError) -> Void)? = nil) {
        self.beforePublishing = beforePublishing
    }

    /// The writer has written the file up to `length` bytes.
    ///
    /// - Throws: ``refused`` once the checker has refused the file, or the hook's error.
    func publish(_ length: Int) throws(ArchiveError) {
        let previous = locked { written }
        if length > previous { try beforePublishing?(previous..<length) }
        let refused = locked { () -> Bool in
            if length > written { written = length }
            return refusedByChecker
        }
        if refused { throw Self.refused }
    }

    /// The writer has written the whole file, `length` bytes, and flushed it to disk.
    func complete(_ length: Int) {
        locked {
            written = max(written, length)
            complete = true
        }
    }

    /// The writer failed: the checker stops at its next wait.
    func abandon() {
        locked { abandoned = true }
    }

    /// The checker found the file unsound (ignored once the writer has abandoned it).
    func refuse() {
        locked { if !abandoned { refusedByChecker = true } }
    }

    /// True once the checker has refused the file.
    var isRefused: Bool { locked { refusedByChecker } }

    /// True once the writer has abandoned the file.
    var isAbandoned: Bool { locked { abandoned } }

    /// Waits until more than `offset` bytes are written, and returns how many are; `nil` once the
    /// file is complete and no longer than `offset`.
    ///
    /// - Throws: ``ArchiveError`` `fileError` once the writer has abandoned the file.
    func length(beyond offset: Int) throws(ArchiveError) -> Int? {
        let (length, stopped) = locked { () -> (Int?, Bool) in
            while written <= offset && !complete && !abandoned { condition.wait() }
            if abandoned { return (nil, true) }
            return (written > offset ? written : nil, false)
        }
        if stopped { throw ArchiveError(code: .fileError, message: "the writing of the archive failed") }
        return length
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }
}
