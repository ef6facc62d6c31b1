public import Foundation

/// A file written beside its target and moved into place only once it is complete and on disk,
/// so the target is either what it was or the whole new file, never a part.
///
/// The temporary file is created (`O_EXCL`) in the target's folder, named after it
/// (`.NAME.XXXXXX.partial`). ``commit(replacing:)`` flushes it to disk, moves it into place and
/// flushes the folder; ``discard()`` (or letting the value go without committing) removes the
/// temporary file, and only that file: nothing the stage did not create is ever removed.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// let staged = try StagedFile(target: URL(fileURLWithPath: "claims.xml"))
/// try staged.handle.write(contentsOf: bytes)
/// try staged.commit(replacing: false)   // fileExists if claims.xml appeared meanwhile
/// ```
public final class StagedFile {
    /// Where the file belongs once complete.
    public let target: URL
    /// The temporary file being written, in the target's folder.
    public let temporary: URL
    /// The temporary file, open for writing.
    public let handle: FileHandle
    private var settled = false

    /// Creates the temporary file beside `target`.
    ///
    /// - Throws: ``ArchiveError`` `fileError` when the folder cannot hold a new file.
    public init(target: URL) throws(ArchiveError) {
        self.target = target
        let folder = target.deletingLastPathComponent()
        var template = Array(
            folder.appendingPathComponent(".\(target.lastPathComponent).XXXXXX.partial").path.utf8CString
        )
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, Int32(".partial".utf8.count))
        }
        guard descriptor >= 0 else {
            throw ArchiveError(
                code: .fileError,
                message: "a file cannot be created in the folder of \(target.lastPathComponent) (errno \(errno))"
            )
        }
        let path = template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        temporary = URL(fileURLWithPath: String(decoding: path, as: UTF8.self))
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        discard()
    }

    /// Flushes the temporary file to disk and moves it to the target, then flushes the folder.
    ///
    /// - Parameter replacing: `true` replaces a target that exists (atomically: `rename`);
    ///   `false` refuses one, even one that appeared while the file was written (`link`, which
    ///   never replaces, then `unlink` of the temporary name).
    /// - Throws: ``ArchiveError`` `fileExists` when the target exists and `replacing` is
    ///   `false`, `fileError` when the file cannot be flushed or moved; the temporary file is
    ///   removed and the target left as it was either way.
    public func commit(replacing: Bool) throws(ArchiveError) {
        guard !settled else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw ArchiveError(code: .fileError, message: "\(target.lastPathComponent) could not be flushed to disk")
        }
        if replacing {
            guard rename(temporary.path, target.path) == 0 else {
                let reason = errno
                discard()
                throw ArchiveError(
                    code: .fileError,
                    message: "\(target.lastPathComponent) could not be replaced (errno \(reason))"
                )
            }
        } else {
            guard link(temporary.path, target.path) == 0 else {
                let reason = errno
                discard()
                if reason == EEXIST {
                    throw ArchiveError(
                        code: .fileExists,
                        message: "\(target.lastPathComponent) exists; it is kept (ask to replace it)"
                    )
                }
                throw ArchiveError(
                    code: .fileError,
                    message: "\(target.lastPathComponent) could not be created (errno \(reason))"
                )
            }
            unlink(temporary.path)
        }
        settled = true
        Self.synchronizeFolder(of: target)
    }

    /// Removes the temporary file, unless it was committed; the target is never touched.
    public func discard() {
        guard !settled else { return }
        settled = true
        try? handle.close()
        unlink(temporary.path)
    }

    /// Flushes a folder's entries to disk, so a rename or link in it survives a power cut.
    static func synchronizeFolder(of url: URL) {
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }
}
