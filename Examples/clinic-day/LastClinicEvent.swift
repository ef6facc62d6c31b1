import ChipChart

/// Where the simulation stopped in a store: the newest audit event written by the clinic's own
/// staff.
///
/// A run stamps its events with the simulated clock, on the day it simulates; other programs on
/// the same store (`records`, `reception`) stamp theirs with the real time. So the clinic's
/// calendar is read from the clinic's own events only: the newest event by one of the clinic's
/// staff (the same name, personal ID and role), searched backwards from the end of the trail.
struct LastClinicEvent {
    let staff: [Staff]

    /// How many events are read at a time while searching backwards.
    static let page: Int64 = 1_000

    /// The newest event by one of ``staff``, or `nil` when they wrote none.
    func find(in store: any RecordStore) async throws -> AuditEvent? {
        var end = try await Self.lastSequence(in: store)
        while end > 0 {
            let start = max(0, end - Self.page)
            let events = try await store.auditEvents(after: start, limit: Int(end - start))
            if let found = events.last(where: { staff.contains($0.staff) }) { return found }
            end = start
        }
        return nil
    }

    /// The sequence of the newest event (0 for an empty trail), found in a few reads by
    /// doubling then halving the sequence.
    static func lastSequence(in store: any RecordStore) async throws -> Int64 {
        guard try await !store.auditEvents(after: 0, limit: 1).isEmpty else { return 0 }
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
        return low
    }
}
