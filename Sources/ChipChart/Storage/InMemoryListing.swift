import Foundation

/// The whole-store listings of an ``InMemoryStore``, answered from values: the store's own
/// state, or a snapshot of it that later commits do not change.
struct InMemoryListing: ArchiveListing {
    let patients: [PatientID: Patient]
    let coverages: [CoverageID: Coverage]
    let visits: [VisitID: Visit]
    let coveragesByPatient: [PatientID: [CoverageID]]
    let trail: [AuditEvent]

    func allPatients(after id: PatientID?, limit: Int) -> [Patient] {
        Self.page(patients.values.map { ($0.id.uuid, $0) }, after: id?.uuid, limit: limit)
    }

    func allCoverages(after id: CoverageID?, limit: Int) -> [Coverage] {
        let ordered = coveragesByPatient.keys.sorted { UUID.archiveOrder($0.uuid, $1.uuid) }
            .flatMap { coveragesByPatient[$0] ?? [] }
            .compactMap { coverages[$0] }
        let start = id.map { last in (ordered.firstIndex { $0.id == last } ?? ordered.count - 1) + 1 } ?? 0
        return Array(ordered[min(start, ordered.count)...].prefix(max(0, limit)))
    }

    func allVisits(after id: VisitID?, limit: Int) -> [Visit] {
        Self.page(visits.values.map { ($0.id.uuid, $0) }, after: id?.uuid, limit: limit)
    }

    func auditEvents(after sequence: Int64, limit: Int) -> [AuditEvent] {
        let start = Int(max(0, min(sequence, Int64(trail.count))))
        return Array(trail[start..<min(trail.count, start + max(0, limit))])
    }

    /// The records whose id comes after `id` in id order, at most `limit`.
    static func page<Record>(_ records: [(UUID, Record)], after id: UUID?, limit: Int) -> [Record] {
        records
            .filter { entry in id.map { UUID.archiveOrder($0, entry.0) } ?? true }
            .sorted { UUID.archiveOrder($0.0, $1.0) }
            .prefix(max(0, limit))
            .map(\.1)
    }
}
