public import ChipChart
public import Foundation

/// Everything an archive holds: the records of a store and its audit trail.
public struct ArchiveContents: Hashable, Sendable {
    /// The patients.
    public var patients: [Patient]
    /// The coverages.
    public var coverages: [Coverage]
    /// The visits.
    public var visits: [Visit]
    /// The audit events, in sequence order.
    public var auditEvents: [AuditEvent]

    /// Contents from records.
    public init(
        patients: [Patient] = [],
        coverages: [Coverage] = [],
        visits: [Visit] = [],
        auditEvents: [AuditEvent] = []
    ) {
        self.patients = patients
        self.coverages = coverages
        self.visits = visits
        self.auditEvents = auditEvents
    }

    /// The number of records of each kind.
    public var counts: ArchiveHeader.Counts {
        ArchiveHeader.Counts(
            patients: patients.count,
            coverages: coverages.count,
            visits: visits.count,
            auditEvents: auditEvents.count
        )
    }
}

/// The first line of an archive: what it is, which format version wrote it and, when the writer
/// knew them in advance, how many records of each kind follow.
///
/// Version 1 always carried the counts here. Version 2 carries them in the trailer, which a
/// writer streaming a live store can fill in; its header has them only when the writer had the
/// whole contents in hand.
public struct ArchiveHeader: Hashable, Sendable, Codable {
    /// The number of records of each kind.
    public typealias Counts = ArchiveRecord.Counts

    /// Always ``ArchiveHeader/formatName``.
    public var format: String
    /// The format version that wrote the archive.
    public var version: Int
    /// When the archive was written.
    public var createdAt: Date
    /// How many records of each kind follow, when the writer knew them in advance (always in
    /// version 1; in version 2 the trailer has them).
    public var counts: Counts?

    /// `chipchart-archive`.
    public static let formatName = "chipchart-archive"
    /// The format version this library writes and the newest it reads.
    public static let currentVersion = 2

    /// A header of the current version.
    public init(createdAt: Date, counts: Counts?) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.createdAt = createdAt
        self.counts = counts
    }
}
