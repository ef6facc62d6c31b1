import ArgumentParser
import ChipChartArchive
import ChipChartSignatures
import ExampleSupport
import Foundation

/// The file a subcommand writes (`--out`, with `--replace`): checked before any work, then
/// written beside itself and moved into place only when complete.
struct OutputFile {
    /// The path given.
    let path: String
    /// Whether an existing file may be replaced.
    let replace: Bool

    var url: URL { URL(fileURLWithPath: path) }

    /// Refuses, with status 65 naming `out`, an output that is the database (its file, `-wal`
    /// or `-shm`, by resolved path or by device and inode) and, without `--replace`, any
    /// existing file.
    func check(against database: StoreLocation) throws {
        if !database.isPostgres {
            for suffix in ["", "-wal", "-shm"] where Self.sameFile(path, database.text + suffix) {
                throw Failure.invalid("out", "this is the database\(suffix.isEmpty ? "" : " (its \(suffix) file)")")
            }
        }
        if !replace, FileManager.default.fileExists(atPath: path) {
            throw Failure.invalid("out", "the file exists; it is kept (add --replace to replace it)")
        }
    }

    /// Writes `body`'s bytes through a ``StagedFile``, signs them when a signer is given, and
    /// moves the file into place.
    func write(signedBy signer: XMLSigner? = nil, _ body: (FileHandle) async throws -> Void) async throws {
        let staged = try StagedFile(target: url)
        defer { staged.discard() }
        try await body(staged.handle)
        try await signer?.sign(staged)
        try staged.commit(replacing: replace)
    }

    /// The error for an ``ArchiveError`` while writing: 65 when the file appeared meanwhile,
    /// 74 when it could not be written (the old file, if any, is kept).
    static func failure(_ error: ArchiveError) -> ExitCode {
        error.code == .fileExists
            ? Failure.invalid("out", "\(error.message)") : Failure.unwritable("out", "\(error)")
    }

    /// True when both paths name one file: the same device and inode, or (for a file that does
    /// not exist yet) the same path once the folders' links are resolved.
    static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat()
        var other = stat()
        if stat(first, &one) == 0, stat(second, &other) == 0 {
            return one.st_dev == other.st_dev && one.st_ino == other.st_ino
        }
        return resolved(first) == resolved(second)
    }

    private static func resolved(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).path
    }
}
