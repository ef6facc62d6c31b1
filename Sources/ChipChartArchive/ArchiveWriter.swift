public import ChipChart
public import Foundation

/// Writes archives: one gzip-compressed file, readable by `gunzip`, of JSON lines.
///
/// The format, version 2 (described by `Schemas/archive/chipchart-archive.schema.json`):
/// 1. a header line, ``ArchiveHeader``: format name, version, creation time and, when known in
///    advance, the counts;
/// 2. one line per record, an object with a single member naming its kind — `patient`,
///    `coverage`, `visit`, `auditEvent` — in that order of kinds, audit events in sequence order;
/// 3. a trailer line `{"end":{"counts":{…},"crc32":"…","records":N}}` with the counts and the
///    CRC-32 (hex) of every byte before it.
///
/// No line holds more than 16 MiB (its line feed excluded): a reader refuses a longer one with
/// `lineTooLong`. Nothing follows the trailer, nor the one gzip member.
///
/// Keys are sorted and instants are seconds since 1970, so the same contents give the same bytes.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// try await ArchiveWriter.export(store, to: URL(fileURLWithPath: "backup.gz"), by: access)
/// try await ArchiveReader.restore(from: URL(fileURLWithPath: "backup.gz"), into: emptyStore)
/// ```
public enum ArchiveWriter {
    /// Writes contents held in memory to a file, through a temporary file beside it that is
    /// moved into place only when complete (``StagedFile``): the old file survives any failure.
    ///
    /// - Parameter replacing: `true` replaces a file at `url`; `false` refuses one.
    /// - Throws: ``ArchiveError`` (`fileExists`, `fileError`).
    public static func write(
        _ contents: ArchiveContents,
        to url: URL,
        createdAt: Date = Date(),
        replacing: Bool = true
    ) throws(ArchiveError) {
        let staged = try StagedFile(target: url)
        defer { staged.discard() }
        let file = try ArchiveFileWriter(
            handle: staged.handle,
            header: ArchiveHeader(createdAt: createdAt, counts: contents.counts)
        )
        for patient in contents.patients { try file.write(.patient(patient)) }
        for coverage in contents.coverages { try file.write(.coverage(coverage)) }
        for visit in contents.visits { try file.write(.visit(visit)) }
        for event in contents.auditEvents { try file.write(.auditEvent(event)) }
        try file.finish()
        try staged.commit(replacing: replacing)
    }

    /// Streams a whole store to an archive file, page by page from one snapshot of the store
    /// (``ChipChart/ArchivableStore/withSnapshot(_:)``): memory stays flat however large the
    /// store, and desks may go on writing; the archive holds the store as it was when the
    /// snapshot began, every record with its patient and the audit trail whole.
    ///
    /// One `export` audit event is recorded first (``ChipChart/ArchivableStore/recordExport(by:detail:)``),
    /// so the archive holds the record of its own making. The file is written beside `url` and
    /// read back whole, checked as ``ArchiveReader/verify(_:)`` checks a file (checksum, counts,
    /// order, ids, references, the audit chain; the names and codes of records the store checked
    /// on the way in are not checked again). The check runs on a thread of its own, beside the
    /// writing: it reads only the bytes already written, waits when it has caught up, and reads
    /// the rest once the file is whole and flushed to disk, so memory stays bounded and the
    /// export uses two cores. A check that fails stops the writing early, with the check's error
    /// naming the line; a writing that fails stops the check. The file is moved into place only
    /// once flushed and checked, so a file at `url` survives any failure.
    ///
    /// - Parameters:
    ///   - store: the store to archive.
    ///   - url: the file to write.
    ///   - access: who exports, and why; recorded in the audit trail.
    ///   - pageSize: how many records each listing returns.
    ///   - replacing: `true` replaces a file at `url`; `false` refuses one (before anything is
    ///     recorded), even one that appears while the archive is written.
    ///   - verifying: read the archive back and check it, as it is written, before moving it
    ///     into place.
    ///   - progress: called with the counts written so far after each page of records, on the
    ///     exporting task; `nil` for none.
    /// - Returns: how many records of each kind were written.
    /// - Throws: ``ArchiveError`` (`fileExists`, `fileError`, or `corrupt` when the archive read
    ///   back is not sound) or the store's ``ChipChart/StoreError``.
    @discardableResult
    public static func export(
        _ store: some ArchivableStore,
        to url: URL,
        by access: Access,
        pageSize: Int = 1000,
        createdAt: Date = Date(),
        replacing: Bool = true,
        verifying: Bool = true,
        progress: (@Sendable (ArchiveRecord.Counts) -> Void)? = nil
    ) async throws -> ArchiveRecord.Counts {
        try await export(
            store,
            to: url,
            by: access,
            pageSize: pageSize,
            createdAt: createdAt,
            replacing: replacing,
            checking: verifying ? WrittenExtent() : nil,
            progress: progress
        )
    }

    /// ``export(_:to:by:pageSize:createdAt:replacing:verifying:progress:)``, checked through
    /// `extent` (its hook sees each range of bytes before the check may read it), or unchecked
    /// when `extent` is `nil`.
    static func export(
        _ store: some ArchivableStore,
        to url: URL,
        by access: Access,
        pageSize: Int,
        createdAt: Date,
        replacing: Bool,
        checking extent: WrittenExtent?,
        progress: (@Sendable (ArchiveRecord.Counts) -> Void)?
    ) async throws -> ArchiveRecord.Counts {
        let size = max(1, pageSize)
        if !replacing, FileManager.default.fileExists(atPath: url.path) {
            throw ArchiveError(
                code: .fileExists,
                message: "\(url.lastPathComponent) exists; it is kept (ask to replace it)"
            )
        }
        let staged = try StagedFile(target: url)
        defer { staged.discard() }
        try await store.recordExport(by: access, detail: "archive")
        let check = extent.map { ArchiveWrittenCheck(staged.temporary, extent: $0) }
        let file: ArchiveFileWriter
        do {
            file = try ArchiveFileWriter(
                handle: staged.handle,
                header: ArchiveHeader(createdAt: createdAt, counts: nil),
                extent: extent
            )
            // Each kind in turn, page by page, into the one file.
            func copy<Record: Sendable, Key: Sendable>(
                _ list: @escaping @Sendable (Key?) async throws -> [Record],
                _ key: (Record) -> Key,
                _ kind: (Record) -> ArchiveRecord
            ) async throws {
                try await copyPages(list, after: key, as: kind, to: file, progress: progress)
            }
            try await store.withSnapshot { listing in
                try await copy({ try await listing.allPatients(after: $0, limit: size) }, \.id, ArchiveRecord.patient)
                try await copy({ try await listing.allCoverages(after: $0, limit: size) }, \.id, ArchiveRecord.coverage)
                try await copy({ try await listing.allVisits(after: $0, limit: size) }, \.id, ArchiveRecord.visit)
                try await copy(
                    { try await listing.auditEvents(after: $0 ?? 0, limit: size) },
                    \.sequence,
                    ArchiveRecord.auditEvent
                )
            }
            try file.finish()
        } catch {
            // The writing stopped: so does the check; its error, when it refused the file, is why.
            if let refusal = check?.stop() { throw unsound(refusal) }
            throw error
        }
        if let check {
            do {
                try staged.handle.synchronize()
            } catch {
                _ = check.stop()
                throw ArchiveError(code: .fileError, message: "the archive could not be flushed to disk")
            }
            let read: ArchiveRecord.Counts
            do {
                read = try check.verdict(length: file.length)
            } catch {
                throw unsound(error)
            }
            guard read == file.counts else {
                throw ArchiveError(code: .corrupt, message: "the archive read back does not hold what was written")
            }
        }
        try staged.commit(replacing: replacing)
        return file.counts
    }

    /// The error of an export whose check refused the file it wrote.
    private static func unsound(_ error: ArchiveError) -> ArchiveError {
        ArchiveError(
            code: error.code,
            line: error.line,
            message: "the archive read back is not sound, so it was not moved into place: \(error.message)"
        )
    }

    /// Writes every page of a keyset listing to `file`, in order, reading the next page while
    /// the current one is written: the store's work and the file's overlap.
    private static func copyPages<Record: Sendable, Key: Sendable>(
        _ list: @escaping @Sendable (Key?) async throws -> [Record],
        after key: (Record) -> Key,
        as kind: (Record) -> ArchiveRecord,
        to file: ArchiveFileWriter,
        progress: (@Sendable (ArchiveRecord.Counts) -> Void)?
    ) async throws {
        var page = try await list(nil)
        while let last = page.last {
            let after = key(last)
            async let following = list(after)
            for record in page { try file.write(kind(record)) }
            progress?(file.counts)
            page = try await following
        }
    }
}
