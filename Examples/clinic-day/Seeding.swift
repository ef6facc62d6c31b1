import ChipChart
import ChipChartSQLite
import ExampleSupport
import Foundation

/// Loading the clinic's past into the store, resumable: the registered people are loaded in
/// order, a chunk per transaction, so a run killed while loading leaves a prefix of them; the
/// next run finds where the prefix ends and loads the rest. Nothing is loaded twice and nothing
/// needs deleting.
struct Seeding: Sendable {
    /// Registered people already in the store when the run began.
    var found: Int
    /// Registered people this run loaded.
    var loaded: Int
    /// Of those, the ones known by the old CMND alone.
    var loadedByLegacyIDOnly: Int
    /// How long finding and loading took.
    var seconds: Double

    /// True when the store held the whole past already.
    var alreadySeeded: Bool { loaded == 0 }

    /// People per chunk, each chunk one transaction (larger chunks rewrite fewer index pages).
    static let chunkSize = 5_000

    /// Finds how much of `history` the store holds and loads the rest, showing progress when
    /// `showsProgress`.
    static func run(_ history: History, into store: any RecordStore, showsProgress: Bool) async throws -> Seeding {
        let start = ContinuousClock.now
        let total = history.registeredCount
        let found = try await loadedCount(of: history, in: store)
        var seeding = Seeding(found: found, loaded: 0, loadedByLegacyIDOnly: 0, seconds: 0)
        if found < total {
            let progress = ProgressBar(total: total - found, enabled: showsProgress, label: "loading records")
            var next = found
            var chunk: [ChangeSet] = []
            chunk.reserveCapacity(chunkSize)
            while next < total {
                chunk.removeAll(keepingCapacity: true)
                for n in next..<min(next + chunkSize, total) {
                    let made = try history.changes(registering: n)
                    chunk.append(made.changes)
                    if made.legacyOnly { seeding.loadedByLegacyIDOnly += 1 }
                }
                if let file = store as? SQLiteStore {
                    try await file.load(chunk)
                } else {
                    for changes in chunk { try await store.commit(changes) }
                }
                next += chunk.count
                seeding.loaded += chunk.count
                progress.advance(by: chunk.count)
            }
            progress.finish()
        }
        let elapsed = ContinuousClock.now - start
        seeding.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seeding
    }

    /// How many registered people, from the first, the store holds: a binary search over the
    /// people, since a load leaves a prefix. One read when the past is complete or absent, about
    /// twenty for a million people otherwise; each read is audited.
    static func loadedCount(of history: History, in store: any RecordStore) async throws -> Int {
        let total = history.registeredCount
        guard total > 0 else { return 0 }
        if try await history.isLoaded(registered: total - 1, in: store) { return total }
        guard try await history.isLoaded(registered: 0, in: store) else { return 0 }
        // Invariant: person `loaded` is in the store, person `missing` is not.
        var loaded = 0
        var missing = total - 1
        while missing - loaded > 1 {
            let middle = (loaded + missing) / 2
            if try await history.isLoaded(registered: middle, in: store) { loaded = middle } else { missing = middle }
        }
        return missing
    }
}
