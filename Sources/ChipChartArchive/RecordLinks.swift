import ChipChart
import Foundation

/// What ``ArchiveCheck`` takes of a record: its kind, its id and the ids it points to, and an
/// audit event whole (its place in the chain). A line of the archive's own writer, read back by
/// the export's check, gives these without its record being built (``JSONLineScanner/links()``).
enum RecordLinks: Equatable {
    /// A patient and the patient it was merged into.
    case patient(id: UUID, mergedInto: UUID?)
    /// A coverage, its patient and the cards it replaces or is replaced by.
    case coverage(id: UUID, patientID: UUID, replaces: UUID?, replacedBy: UUID?)
    /// A visit, its patient and the coverages it applies.
    case visit(id: UUID, patientID: UUID, coverageIDs: [UUID])
    /// An audit event, whole.
    case auditEvent(AuditEvent)

    /// The links of a record read whole.
    init(_ record: ArchiveRecord) {
        switch record {
        case .patient(let patient):
            self = .patient(id: patient.id.uuid, mergedInto: patient.mergedInto?.uuid)
        case .coverage(let coverage):
            self = .coverage(
                id: coverage.id.uuid,
                patientID: coverage.patientID.uuid,
                replaces: coverage.replaces?.uuid,
                replacedBy: coverage.replacedBy?.uuid
            )
        case .visit(let visit):
            self = .visit(
                id: visit.id.uuid,
                patientID: visit.patientID.uuid,
                coverageIDs: visit.appliedCoverages.map(\.coverageID.uuid)
            )
        case .auditEvent(let event):
            self = .auditEvent(event)
        }
    }

    /// The position of the record's kind in an archive, as ``ChipChart/ArchiveRecord/rank``.
    var rank: Int {
        switch self {
        case .patient: 0
        case .coverage: 1
        case .visit: 2
        case .auditEvent: 3
        }
    }
}

extension ArchiveRecord.Counts {
    /// Counts one more record of the kind whose ``ChipChart/ArchiveRecord/rank`` is `rank`.
    mutating func add(rank: Int) {
        self[keyPath: Self.byRank[rank]] += 1
    }

    private static let byRank: [any WritableKeyPath<Self, Int> & Sendable] = [
        \.patients, \.coverages, \.visits, \.auditEvents,
    ]
}
