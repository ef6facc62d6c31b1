import ChipChart
import Foundation

/// The export's check of the file it writes, run on a thread of its own behind the writer: the
/// check ``ArchiveReader/verify(_:)`` makes of a file just written (`readsWhole` false), fed
/// from the bytes the writer has published so far (``GrowingFileSource``), so writing and
/// checking overlap.
///
/// A check that fails refuses the file (``WrittenExtent/refuse()``), which stops the writer at
/// its next publication. ``verdict(length:)`` or ``stop()`` must be called, from one task.
final class ArchiveWrittenCheck: @unchecked Sendable {
    /// Shared with the writer.
    let extent: WrittenExtent
    private let exited = DispatchSemaphore(value: 0)
    /// Set by the thread before it signals `exited`, read only after.
    private var result: Result<ArchiveRecord.Counts, ArchiveError> = .failure(WrittenExtent.refused)
    /// The caller's own: true once the thread has been waited for.
    private var joined = false

    /// Starts checking `url`, which the writer of `extent` is writing.
    init(_ url: URL, extent: WrittenExtent) {
        self.extent = extent
        let thread = Thread { [self] in
            result = Result { () throws(ArchiveError) in
                try ArchiveReader.verify(
                    try ArchiveFileReader(source: try GrowingFileSource(url, extent: extent)),
                    readsWhole: false
                )
            }
            if case .failure = result { extent.refuse() }
            exited.signal()
        }
        thread.name = "chipchart.archive.export-check"
        thread.start()
    }

    /// The writer has written and flushed the whole file, `length` bytes: the check reads the
    /// rest and gives its verdict.
    ///
    /// - Returns: the counts read back.
    /// - Throws: the check's ``ArchiveError``.
    func verdict(length: Int) throws(ArchiveError) -> ArchiveRecord.Counts {
        extent.complete(length)
        join()
        return try result.get()
    }

    /// The writing stopped: the check stops too.
    ///
    /// - Returns: the check's error when it had refused the file (the reason the writing stopped,
    ///   if it did), else `nil`.
    func stop() -> ArchiveError? {
        extent.abandon()
        join()
        guard extent.isRefused, case .failure(let error) = result else { return nil }
        return error
    }

    private func join() {
        guard !joined else { return }
        joined = true
        exited.wait()
    }
}
