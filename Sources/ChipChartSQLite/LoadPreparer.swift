import ChipChart
import Dispatch

/// A change set made ready to write: checked on its own, its records as they will be stored
/// (versions bumped) and their bodies encoded.
struct PreparedChangeSet: Sendable {
    /// The set as given.
    let changes: ChangeSet
    /// Its records as stored, versions bumped.
    let stored: CommitReceipt
    /// The bodies of `stored`'s records, in the same order.
    let bodies: RecordBodies
}

/// Encoded record bodies, in the order of the records they belong to.
struct RecordBodies: Sendable {
    var patients: [[UInt8]]
    var coverages: [[UInt8]]
    var visits: [[UInt8]]
}

/// Prepares a load's change sets on a thread of its own while the loading thread writes the sets
/// before them: pulls them from the sequence, checks each on its own and encodes its records, a
/// batch of ``batchSize`` at a time, one batch ahead of the writes.
///
/// The sets come out in the sequence's order; the first that cannot be prepared comes out as its
/// error, and nothing is pulled after it. The sequence is pulled on the preparing queue only, one
/// call at a time, never after ``finish()`` returns.
///
/// `@unchecked Sendable`: the iterator and the coder are touched on the preparing queue only; the
/// batch prepared there is handed over through a dispatch group (written before the queue leaves
/// the group, read by the loading thread after it has waited for it); the rest is the loading
/// thread's.
final class LoadPreparer: @unchecked Sendable {
    /// Sets prepared at once.
    static var batchSize: Int { 256 }

    private let queue = DispatchQueue(label: "chipchart.sqlite.preparing")
    private let group = DispatchGroup()
    /// The queue's: pulls the next set from the sequence's iterator. A closure rather than the
    /// iterator's own type, so the work sent to the queue refers to no generic type.
    private let pull: () -> ChangeSet?
    /// The queue's.
    private let coder = RecordCoder()
    /// Written on the queue, read by the loading thread once the group is left.
    private var prepared: [Result<PreparedChangeSet, any Error>] = []
    /// The loading thread's: the batch being written and the position in it.
    private var current: [Result<PreparedChangeSet, any Error>] = []
    private var position = 0
    private var ended = false

    /// Starts preparing the first batch.
    init<Changes: IteratorProtocol>(_ iterator: Changes) where Changes.Element == ChangeSet {
        var iterator = iterator
        self.pull = { iterator.next() }
        prepareNextBatch()
    }

    /// The next set, prepared; nil once the sequence has ended.
    ///
    /// - Throws: the error that stopped the set's preparation (``ChipChart/StoreError``
    ///   `invalidChangeSet` for a set that contradicts itself).
    func next() throws -> PreparedChangeSet? {
        if position == current.count {
            guard !ended else { return nil }
            group.wait()
            current = prepared
            position = 0
            let failed = current.last.map { if case .failure = $0 { true } else { false } } ?? false
            if current.count < Self.batchSize || failed {
                ended = true
            } else {
                prepareNextBatch()
            }
            guard !current.isEmpty else { return nil }
        }
        defer { position += 1 }
        return try current[position].get()
    }

    /// Waits until the batch being prepared, if any, is done: the sequence is not pulled after.
    func finish() {
        group.wait()
    }

    private func prepareNextBatch() {
        group.enter()
        let size = Self.batchSize
        queue.async { [self] in
            var batch: [Result<PreparedChangeSet, any Error>] = []
            batch.reserveCapacity(size)
            while batch.count < size, let changes = pull() {
                let result = Result { try prepare(changes) }
                batch.append(result)
                if case .failure = result { break }
            }
            prepared = batch
            group.leave()
        }
    }

    private func prepare(_ changes: ChangeSet) throws -> PreparedChangeSet {
        try changes.checkInternalConsistency()
        let stored = changes.receipt(with: [])
        let bodies = RecordBodies(
            patients: try stored.patients.map { try coder.encode($0) },
            coverages: try stored.coverages.map { try coder.encode($0) },
            visits: try stored.visits.map { try coder.encode($0) }
        )
        return PreparedChangeSet(changes: changes, stored: stored, bodies: bodies)
    }
}
