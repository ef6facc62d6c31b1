import Foundation

/// Reads a file behind its writer: with `pread`, only the bytes the writer has published
/// (``WrittenExtent``), waiting when it has caught up, until the writer completes the file.
final class GrowingFileSource: ArchiveByteSource {
    private let descriptor: Int32
    private let extent: WrittenExtent
    private var offset = 0

    /// Opens `url` for reading.
    ///
    /// - Throws: ``ArchiveError`` `fileError` when the file cannot be opened.
    init(_ url: URL, extent: WrittenExtent) throws(ArchiveError) {
        descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ArchiveError(code: .fileError, message: "the archive file could not be opened")
        }
        self.extent = extent
    }

    deinit {
        close(descriptor)
    }

    func read(upToCount count: Int) throws -> Data? {
        guard let length = try extent.length(beyond: offset) else { return Data() }
        var data = Data(count: min(count, length - offset))
        let read = data.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard read > 0 else {
            throw ArchiveError(code: .fileError, message: "reading the archive failed")
        }
        offset += read
        return data.prefix(read)
    }
}
