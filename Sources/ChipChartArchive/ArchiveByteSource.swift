import Foundation

/// Where a ``GzipReader`` reads compressed bytes from: a file, or a file still being written
/// (``GrowingFileSource``).
protocol ArchiveByteSource: AnyObject {
    /// Up to `count` bytes following those read before; empty or `nil` at the end.
    func read(upToCount count: Int) throws -> Data?
}

extension FileHandle: ArchiveByteSource {}
