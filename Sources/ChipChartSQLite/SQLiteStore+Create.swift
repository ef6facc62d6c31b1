public import ChipChart
public import Foundation
public import Logging

extension SQLiteStore {
    /// What ``create(path:loading:configuration:logger:now:)`` adds to the target's path to name
    /// the file it builds before that file becomes the store.
    public static let stagedLoadSuffix = ".chipchart-staged-load"

    /// Builds a new store file at `path` from a load, writing each page once: for a clinic or a
    /// hospital moving its patients from an old system into a new store.
    ///
    /// The change sets are checked and audited exactly as ``load(_:)`` does, into a file beside the
    /// target (its path followed by ``stagedLoadSuffix``) that is not a store yet: its journal is
    /// kept in memory and nothing is flushed while it is written, instead of every page going to
    /// the write-ahead log and from there into the file. Once the load has committed, the file is
    /// switched to write-ahead logging, flushed to the disk with its folder, and only then given
    /// the target's name, atomically. A crash or a failure leaves the target absent or complete,
    /// never half-written; a failed load removes its staged file, and a staged file left by a crash
    /// is replaced by the next attempt. One build of a target at a time: while one runs (in this
    /// process or another), the staged file is locked and a second build is refused.
    ///
    /// <!-- snippet: context=Clinic -->
    /// ```swift
    /// let moved = url.path + ".sqlite"  // no file there yet
    /// let loaded = try await SQLiteStore.create(path: moved, loading: [changes])
    /// let store = try SQLiteStore(path: moved)
    /// print(loaded)  // 1
    /// ```
    ///
    /// - Parameters:
    ///   - path: the store file to make; nothing may be there yet.
    ///   - changeSets: the records, one change set per patient, pulled one at a time.
    ///   - configuration: the page cache of the load (``Configuration/loadPageCache``) and the
    ///     lock's timeout; the staged file is never flushed before it is complete.
    ///   - logger: as for ``init(path:configuration:logger:now:)``.
    ///   - now: stamps the audit events.
    /// - Returns: the number of change sets written.
    /// - Throws: ``ChipChart/StoreError`` `notEmpty` when a file is at `path` already, or a
    ///   store's log or journal (`path` followed by `-wal` or `-journal`), which SQLite would
    ///   replay into the new file, or while another build of `path` runs (nothing is touched
    ///   then); otherwise as ``load(_:)`` does, with neither the target nor a staged file
    ///   left behind.
    @discardableResult
    public static func create(
        path: String,
        loading changeSets: some Sequence<ChangeSet>,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "chipchart.sqlite", factory: { _ in SwiftLogNoOpLogHandler() }),
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws(StoreError) -> Int {
        // A log or a journal without its file would be replayed into the new one: refused too.
        guard !["", "-wal", "-journal"].contains(where: { StagedStoreFile.exists(path + $0) }) else {
            throw StoreError(
                .notEmpty,
                "a file, or a store's log or journal, is at the path already: a store is built from a load only as a new file"
            )
        }
        // Refused, touching nothing, while another build of the same target holds the staged file.
        let staged = try StagedStoreFile.claim(target: path)
        defer { staged.release() }
        do {
            let loaded = try await loadStaged(staged.path, changeSets, configuration, logger, now)
            try staged.becomeStore(busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
            try staged.moveIntoPlace()
            logger.info("SQLite store built from a load", metadata: ["sets": "\(loaded)"])
            return loaded
        } catch {
            try? staged.removeLeftovers()
            throw error
        }
    }

    /// Loads into a new staged file; the store is closed when this returns.
    private static func loadStaged(
        _ path: String,
        _ changeSets: some Sequence<ChangeSet>,
        _ configuration: Configuration,
        _ logger: Logger,
        _ now: @escaping @Sendable () -> Date
    ) async throws(StoreError) -> Int {
        let store = try SQLiteStore(path: path, configuration: configuration, logger: logger, now: now, staging: true)
        return try await store.load(changeSets, deferringIndexes: true, synchronous: .off)
    }
}

/// The file a store is built in from a load before it takes the target's name, locked
/// (`flock`) by the build that made it for as long as the build runs.
struct StagedStoreFile {
    /// The target's path.
    let target: String
    /// The staged file's path: the target's, followed by ``SQLiteStore/stagedLoadSuffix``.
    let path: String
    /// The staged file, open and locked for the whole build: the lock tells another build that
    /// this one runs, and goes with the process if it dies, so a file left by a crash is free.
    private let descriptor: Int32

    /// Opens the staged file (made empty when a crashed attempt left one, with its journals) and
    /// locks it; refuses with `notEmpty`, touching nothing, when another build holds it.
    static func claim(target: String) throws(StoreError) -> StagedStoreFile {
        let path = target + SQLiteStore.stagedLoadSuffix
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure("making the staged file", errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            guard code == EWOULDBLOCK else { throw failure("locking the staged file", code) }
            throw StoreError(.notEmpty, "another build of this store from a load is under way")
        }
        let staged = StagedStoreFile(target: target, path: path, descriptor: descriptor)
        do throws(StoreError) {
            // Whatever a crashed attempt left: its journals first, then its pages.
            for suffix in ["-journal", "-wal", "-shm"] where unlink(path + suffix) != 0 && errno != ENOENT {
                throw failure("removing a staged file's journal left by an earlier load", errno)
            }
            guard ftruncate(descriptor, 0) == 0 else {
                throw failure("emptying a staged file left by an earlier load", errno)
            }
        } catch {
            staged.release()
            throw error
        }
        return staged
    }

    /// Unlocks the staged file (closing it); once it is removed or renamed, another build may go.
    func release() {
        close(descriptor)
    }

    /// True when anything (a file, a folder, a link, even a dangling one) is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Removes this build's staged file and its journals: only files named after the target with
    /// ``SQLiteStore/stagedLoadSuffix``, which no one but this type makes, while it holds the lock.
    func removeLeftovers() throws(StoreError) {
        for suffix in ["", "-journal", "-wal", "-shm"] where unlink(path + suffix) != 0 && errno != ENOENT {
            throw Self.failure("removing a staged file left by an earlier load", errno)
        }
    }

    /// Switches the complete staged file to write-ahead logging, as every store is, and flushes
    /// it to the disk.
    func becomeStore(busyTimeoutMilliseconds: Int) throws(StoreError) {
        do {
            let connection = try SQLiteConnection(
                .init(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, createIfMissing: false)
            )
            try connection.execute("PRAGMA synchronous = FULL")
            guard try connection.textPragma("PRAGMA journal_mode = WAL").first?.lowercased() == "wal" else {
                throw StoreError(.storageFailure, "the built file could not be switched to write-ahead logging")
            }
        } catch {
            throw StoreError.wrapping(error, while: "switching the built file to write-ahead logging")
        }
        // Closing the last connection copied the log into the file and removed it.
        guard !Self.exists(path + "-wal") else {
            throw StoreError(.storageFailure, "the built file's log was not emptied when it was closed")
        }
        try Self.flush(path, directory: false)
    }

    /// Gives the staged file the target's name, refusing to replace a file that appeared there
    /// meanwhile, and flushes the folder: a hard link made atomically, then the staged name removed.
    func moveIntoPlace() throws(StoreError) {
        // The name still names the file this build locked: nothing replaced it behind the lock.
        var named = stat()
        var locked = stat()
        guard lstat(path, &named) == 0, fstat(descriptor, &locked) == 0, named.st_ino == locked.st_ino,
            named.st_dev == locked.st_dev
        else {
            throw StoreError(.storageFailure, "the staged file was replaced while the store was built from it")
        }
        guard link(path, target) == 0 else {
            throw Self.failure("giving the built file the store's name", errno)
        }
        let folder = (target as NSString).deletingLastPathComponent
        try Self.flush(folder.isEmpty ? "." : folder, directory: true)
        // The store is in place: a staged name that outlives a crash here is replaced next time.
        if unlink(path) == 0 { try? Self.flush(folder.isEmpty ? "." : folder, directory: true) }
    }

    /// `fsync` of a file or a folder.
    private static func flush(_ path: String, directory: Bool) throws(StoreError) {
        let descriptor = open(path, directory ? O_RDONLY | O_DIRECTORY : O_RDWR)
        guard descriptor >= 0 else {
            throw failure("opening \(directory ? "the folder" : "the file") to flush it", errno)
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("flushing the built store to the disk", errno) }
    }

    private static func failure(_ action: String, _ code: Int32) -> StoreError {
        StoreError(
            .storageFailure,
            "the store could not be built (\(action))",
            underlying: String(cString: strerror(code))
        )
    }
}
