import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation

/// The clinic: its store, its insurer, its population and the day being simulated.
struct Clinic: Sendable {
    let store: any ArchivableStore
    let location: StoreLocation
    let portal: SimulatedInsurancePortal
    let clock: SimulatedClock
    let population: SyntheticPopulation
    let size: Int
    let facility: FacilityCode
    let day: CalendarDate
    let receptionists: [Staff]
    let manager: Staff
    let seeding: Seeding

    /// The clinic on a store whose audit events the `clock` stamps.
    static func open(
        store: any ArchivableStore,
        location: StoreLocation,
        clock: SimulatedClock,
        population size: Int,
        seed: UInt64,
        showsProgress: Bool
    ) async throws -> Clinic {
        let population = SyntheticPopulation(seed: seed)
        let facility = try FacilityCode("01001")
        let manager = try Staff(commandLine: "Phạm Quốc Quản Lý|001180000009", role: .administrator)

        // Continue the clinic: the morning after the last day recorded in the file, or the same
        // morning when the last run stopped while loading the records, before its morning.
        let day: CalendarDate
        if let last = try await lastAuditEvent(in: store) {
            let loading = [History.purpose, History.resumePurpose].contains(last.purpose)
            day = CalendarDate(containing: last.at).adding(days: loading ? 0 : 1)
        } else {
            day = population.referenceDate
        }
        clock.set(VietnamTime.instant(day, hour: 6))

        let history = History(population: population, size: size, facility: facility, staff: manager)
        let seeding = try await Seeding.run(history, into: store, showsProgress: showsProgress)

        let receptionists = try [
            "Trần Thị Lễ Tân|001185000001", "Lê Văn Tiếp Đón|001086000002", "Hoàng Thị Thu Ngân|001187000003",
            "Vũ Minh Quầy|001090000004",
        ].map { try Staff(commandLine: $0) }
        // The insurer is scripted when the morning's arrivals are known (``Morning/run()``).
        let portal = SimulatedInsurancePortal(clock: clock)
        return Clinic(
            store: store,
            location: location,
            portal: portal,
            clock: clock,
            population: population,
            size: size,
            facility: facility,
            day: day,
            receptionists: receptionists,
            manager: manager,
            seeding: seeding
        )
    }

    /// The newest audit event, found in a few reads by doubling then halving the sequence.
    private static func lastAuditEvent(in store: any RecordStore) async throws -> AuditEvent? {
        guard try await !store.auditEvents(after: 0, limit: 1).isEmpty else { return nil }
        var low: Int64 = 1
        var high: Int64 = 2
        while try await !store.auditEvents(after: high - 1, limit: 1).isEmpty {
            low = high
            high *= 2
        }
        while high - low > 1 {
            let middle = (low + high) / 2
            if try await store.auditEvents(after: middle - 1, limit: 1).isEmpty { high = middle } else { low = middle }
        }
        return try await store.auditEvents(after: low - 1, limit: 1).first
    }
}
