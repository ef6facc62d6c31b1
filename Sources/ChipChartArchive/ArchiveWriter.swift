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
/// Keys are sorted and instants are seconds since 1970, so the same contents give the same bytes.
///
/// ```swift
/// try await ArchiveWriter.export(store, to: URL(fileURLWithPath: "backup.gz"), by: access)
/// try await ArchiveReader.restore(from: URL(fileURLWithPath: "backup.gz"), into: emptyStore)
/// ```
public enum ArchiveWriter {
    /// Writes contents held in memory to a new file (replacing one that exists).
    ///
    /// - Throws: ``ArchiveError`` (`fileError`).
    public static func write(_ contents: ArchiveContents, to url: URL, createdAt: Date = Date()) throws(ArchiveError) {
        let file = try ArchiveFileWriter(url: url, header: ArchiveHeader(createdAt: createdAt, counts: contents.counts))
        for patient in contents.patients { try file.write(.patient(patient)) }
        for coverage in contents.coverages { try file.write(.coverage(coverage)) }
        for visit in contents.visits { try file.write(.visit(visit)) }
        for event in contents.auditEvents { try file.write(.auditEvent(event)) }
        try file.finish()
    }

    /// Streams a whole store to a new archive file, page by page: memory stays flat however
    /// large the store.
    ///
    /// One `export` audit event is recorded first (``ChipChart/ArchivableStore/recordExport(by:detail:)``),
    /// so the archive holds the record of its own making. Run it while nobody writes to the
    /// store: the pages are separate reads, and a record written between them may be missed.
    ///
    /// - Parameters:
    ///   - store: the store to archive.
    ///   - url: the file to write (replaced if it exists).
    ///   - access: who exports, and why; recorded in the audit trail.
    ///   - pageSize: how many records each listing returns.
    /// - Returns: how many records of each kind were written.
    /// - Throws: ``ArchiveError`` (`fileError`) or the store's ``ChipChart/StoreError``.
    @discardableResult
    public static func export(
        _ store: some ArchivableStore,
        to url: URL,
        by access: Access,
        pageSize: Int = 1000,
        createdAt: Date = Date()
    ) async throws -> ArchiveRecord.Counts {
        let size = max(1, pageSize)
        try await store.recordExport(by: access, detail: "archive")
        let file = try ArchiveFileWriter(url: url, header: ArchiveHeader(createdAt: createdAt, counts: nil))
        try await copyPages(
            { try await store.allPatients(after: $0, limit: size) },
            after: \.id,
            as: ArchiveRecord.patient,
            to: file
        )
        try await copyPages(
            { try await store.allCoverages(after: $0, limit: size) },
            after: \.id,
            as: ArchiveRecord.coverage,
            to: file
        )
        try await copyPages(
            { try await store.allVisits(after: $0, limit: size) },
            after: \.id,
            as: ArchiveRecord.visit,
            to: file
        )
        try await copyPages(
            { try await store.auditEvents(after: $0 ?? 0, limit: size) },
            after: \.sequence,
            as: ArchiveRecord.auditEvent,
            to: file
        )
        try file.finish()
        return file.counts
    }

    /// Writes every page of a keyset listing to `file`, in order, reading the next page while
    /// the current one is written: the store's work and the file's overlap.
    private static func copyPages<Record: Sendable, Key: Sendable>(
        _ list: @escaping @Sendable (Key?) async throws -> [Record],
        after key: (Record) -> Key,
        as kind: (Record) -> ArchiveRecord,
        to file: ArchiveFileWriter
    ) async throws {
        var page = try await list(nil)
        while let last = page.last {
            let after = key(last)
            async let following = list(after)
            for record in page { try file.write(kind(record)) }
            page = try await following
        }
    }
}
