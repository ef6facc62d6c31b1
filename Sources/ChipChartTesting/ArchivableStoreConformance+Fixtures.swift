public import ChipChart
import Foundation

// The records the whole-store cases write and list.
extension ArchivableStoreConformance {
    /// What ``populate(_:patients:)`` wrote: ids in the order written.
    struct Population {
        var patients: [UUID] = []
        var coverages: [CoverageID] = []
        /// Visit `i` was admitted `i` days after ``baseInstant``.
        var visits: [UUID] = []
    }

    /// Fills a store with `count` sample patients, each with a visit and one or two coverages,
    /// one of them updated: a store to archive in tests of tools built on the contract.
    public static func fillWithSamples(_ store: any ArchivableStore, patients count: Int) async throws {
        try await populate(store, patients: count)
    }

    /// Every record of a store through its listings, in restore order: compare two stores with it.
    public static func allRecords(of store: any ArchivableStore, pageSize: Int = 100) async throws -> [ArchiveRecord] {
        try await records(of: store, pageSize: pageSize)
    }

    /// The admission of the first visit.
    static let baseInstant = Date(timeIntervalSince1970: 1_772_409_600)

    /// The order of a whole-store listing: ids as their bytes compare.
    static func idOrder(_ lhs: UUID, _ rhs: UUID) -> Bool { lhs.uuidString < rhs.uuidString }

    /// Writes `count` patients, each with a visit; even ones have two coverages (a replaced card
    /// and its successor), odd ones one. The first patient is updated once and read once, so
    /// versions above 1 and read events are in the store.
    @discardableResult
    static func populate(_ store: any ArchivableStore, patients count: Int) async throws -> Population {
        var population = Population()
        for index in 0..<count {
            let patient = try RecordStoreConformance.samplePatient("0010990" + String(10_000 + index).suffix(5))
            var first = try RecordStoreConformance.sampleCoverage(for: patient)
            var changes = ChangeSet(try RecordStoreConformance.access("registration"))
            changes.save(patient)
            if index.isMultiple(of: 2) {
                var second = try RecordStoreConformance.sampleCoverage(for: patient, code: "HT3010123456789")
                first.status = .replaced
                first.replacedBy = second.id
                second.replaces = first.id
                changes.save(first)
                changes.save(second)
                population.coverages += [first.id, second.id]
            } else {
                changes.save(first)
                population.coverages.append(first.id)
            }
            var visit = try RecordStoreConformance.sampleVisit(
                for: patient,
                coverage: first,
                key: "01001-VISIT-\(index)"
            )
            visit.admittedAt = baseInstant.addingTimeInterval(Double(index) * 86_400 + 3_600)
            visit.dischargedAt = visit.admittedAt.addingTimeInterval(2 * 3_600)
            changes.save(visit)
            try await store.commit(changes)
            population.patients.append(patient.id.uuid)
            population.visits.append(visit.id.uuid)
        }
        if let first = population.patients.first {
            let access = try RecordStoreConformance.access("correction")
            if var patient = try await store.patient(PatientID(first), for: access) {
                patient.demographics.phone = "0987654321"
                var changes = ChangeSet(access)
                changes.save(patient)
                try await store.commit(changes)
            }
        }
        return population
    }

    /// Every record of a store (or of a snapshot of one) through its listings, in restore
    /// order, running `betweenPages` after each page.
    static func records(
        of listing: any ArchiveListing,
        pageSize: Int,
        betweenPages: () async throws -> Void = {}
    ) async throws -> [ArchiveRecord] {
        /// Every item of a paged listing: pages of `pageSize` items, each after the cursor of the
        /// previous page's last item, until an empty page; `betweenPages` runs after each page.
        func all<Item, Cursor>(
            _ page: (Cursor, Int) async throws -> [Item],
            after start: Cursor,
            cursor: (Item) -> Cursor
        ) async throws -> [Item] {
            var items: [Item] = []
            var last = start
            while true {
                let next = try await page(last, pageSize)
                items += next
                guard let tail = next.last else { return items }
                last = cursor(tail)
                try await betweenPages()
            }
        }

        let patients = try await all(listing.allPatients(after:limit:), after: nil) { $0.id }
        let coverages = try await all(listing.allCoverages(after:limit:), after: nil) { $0.id }
        let visits = try await all(listing.allVisits(after:limit:), after: nil) { $0.id }
        let events = try await all(listing.auditEvents(after:limit:), after: 0) { $0.sequence }
        return patients.map(ArchiveRecord.patient) + coverages.map(ArchiveRecord.coverage)
            + visits.map(ArchiveRecord.visit) + events.map(ArchiveRecord.auditEvent)
    }

    /// The number of audit events in a store.
    static func auditCount(_ store: any ArchivableStore) async throws -> Int {
        try await store.verifyAuditTrail().eventCount
    }
}

extension ConformanceCheck {
    /// A failure of this case, to throw.
    func failure(_ message: String, line: Int = #line) -> ConformanceFailure {
        ConformanceFailure(caseName: caseName, message: message, line: line)
    }
}
