public import ChipChart
public import Foundation

/// Reads archives written by ``ArchiveWriter``, all or nothing.
///
/// Every line is checked as it is read: the header's format and version, each record's JSON,
/// the order of kinds, and at the end the counts and the trailer's CRC-32. ``read(from:)``
/// returns contents only from an archive that passes every check; ``restore(from:into:)``
/// streams the records into an empty store's one transaction, which the store rolls back when a
/// check fails on the way.
public enum ArchiveReader {
    /// Reads the header line only.
    ///
    /// - Throws: ``ArchiveError`` (`fileError`, `truncated`, `corrupt`, `newerVersion`).
    public static func header(of url: URL) throws(ArchiveError) -> ArchiveHeader {
        try ArchiveFileReader(url: url).header
    }

    /// Reads and checks a whole archive into memory (for small archives and tests).
    ///
    /// - Throws: ``ArchiveError``: `truncated` when the file ends early, `corrupt` for damaged
    ///   compression, JSON, counts or checksum (naming the line), `newerVersion` for a format
    ///   this library does not know, `fileError` when the file cannot be read.
    public static func read(from url: URL) throws(ArchiveError) -> ArchiveContents {
        let file = try ArchiveFileReader(url: url)
        var contents = ArchiveContents()
        while let record = try file.next() {
            switch record {
            case .patient(let patient): contents.patients.append(patient)
            case .coverage(let coverage): contents.coverages.append(coverage)
            case .visit(let visit): contents.visits.append(visit)
            case .auditEvent(let event): contents.auditEvents.append(event)
            }
        }
        return contents
    }

    /// Reads a whole archive and checks it as a restore would, keeping no records: the header,
    /// every line, the counts and checksum, no id twice, every reference resolved inside the
    /// archive (a coverage's or visit's patient, a visit's coverages, a merge, a replaced card)
    /// and the audit chain unbroken.
    ///
    /// Memory stays bounded however large the archive: the ids are sorted in runs of half a
    /// million (16 MiB) written to an anonymous temporary file, 32 bytes an id, and merged once
    /// the file is read; the first problem in line order is reported.
    ///
    /// - Returns: how many records of each kind the archive holds.
    /// - Throws: ``ArchiveError`` as ``read(from:)`` does; `corrupt` naming the line for a record
    ///   that a restore would refuse; `fileError` when the temporary file of ids cannot be written.
    @discardableResult
    public static func verify(_ url: URL) throws(ArchiveError) -> ArchiveRecord.Counts {
        try verify(url, readsWhole: true)
    }

    /// ``verify(_:)``, or with `readsWhole` false the export's check of the file it has just
    /// written from a store's records: the lines as its writer writes them give their ids and
    /// references without the records being built, so names and codes the store checked on the
    /// way in are not checked again; the checksum, the counts, the order of kinds, the ids, the
    /// references and the audit chain are checked as ``verify(_:)`` checks them.
    static func verify(_ url: URL, readsWhole: Bool) throws(ArchiveError) -> ArchiveRecord.Counts {
        try verify(try ArchiveFileReader(url: url), readsWhole: readsWhole)
    }

    /// ``verify(_:readsWhole:)`` of a file already open (the export's check reads its file as it
    /// is written).
    static func verify(_ file: ArchiveFileReader, readsWhole: Bool) throws(ArchiveError) -> ArchiveRecord.Counts {
        var check = ArchiveCheck()
        if readsWhole {
            while let record = try file.next() { try check.consume(record, line: file.number) }
        } else {
            while let links = try file.nextLinks() { try check.consume(links, line: file.number) }
        }
        try check.finish(line: file.number)
        return file.counts
    }

    /// Imports an archive into an empty store of any backend, in the store's one transaction,
    /// reading the file as the store writes: memory stays flat however large the archive. A
    /// thread of its own inflates and decodes the file a few thousand records ahead of the store.
    ///
    /// The header is checked before the store is touched. The records keep their ids and
    /// versions and the audit trail its sequence and hashes, so the restored store's
    /// ``ChipChart/RecordStore/verifyAuditTrail()`` equals the original's.
    ///
    /// - Parameter progress: called with the counts read so far every 1,000 records, as the
    ///   store takes them, and once more at the end of the file; `nil` for none.
    /// - Returns: how many records of each kind were restored.
    /// - Throws: ``ArchiveError`` (`truncated`, `corrupt`, `newerVersion`, `fileError`) for a bad
    ///   file, or the store's ``ChipChart/StoreError`` (`notEmpty` for a store that holds
    ///   anything); the store is left untouched either way.
    @discardableResult
    public static func restore(
        from url: URL,
        into store: some ArchivableStore,
        progress: (@Sendable (ArchiveRecord.Counts) -> Void)? = nil
    ) async throws -> ArchiveRecord.Counts {
        let records = ArchiveReadAhead(try ArchiveFileReader(url: url))
        defer { records.stop() }
        var failure: ArchiveError?
        var read = ArchiveRecord.Counts()
        do {
            return try await store.restore {
                do {
                    let record = try records.next()
                    if let progress {
                        if let record { read.add(record) }
                        if record == nil || read.total % 1000 == 0 { progress(read) }
                    }
                    return record
                } catch let error as ArchiveError {
                    failure = error
                    throw error
                }
            }
        } catch {
            throw failure ?? error
        }
    }
}
