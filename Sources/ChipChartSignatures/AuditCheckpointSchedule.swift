public import ChipChart
import Foundation

/// Signs checkpoints of a store's audit trail while it runs: every so many new events, or once
/// an interval has passed since the last checkpoint and the trail has grown, each appended to
/// an ``AuditCheckpointFile``. A checkpoint on demand is ``AuditCheckpointer/checkpoint(of:at:)``.
///
/// The schedule runs in a task of its own until that task is cancelled. It reads only the
/// events after the head it last saw, once per `checkingEvery`, and holds no lock while it
/// waits: its state is the running task's own.
///
/// <!-- snippet: context=Checkpoints -->
/// ```swift
/// let schedule = AuditCheckpointSchedule(
///     checkpointer: AuditCheckpointer(signer: signer, policy: policy),
///     file: AuditCheckpointFile(url: checkpointsURL),
///     everyEvents: 1000,
///     interval: .seconds(300)
/// )
/// let running = schedule.start(on: store)
/// // … the day's work …
/// running.cancel()
/// let signed = try await running.value   // how many checkpoints it appended
/// ```
public struct AuditCheckpointSchedule: Sendable {
    /// The facility's checkpointer.
    public let checkpointer: AuditCheckpointer
    /// Where each checkpoint is appended.
    public let file: AuditCheckpointFile
    /// A checkpoint is signed once this many events follow the last one (`nil`: by time only).
    public let everyEvents: Int?
    /// A checkpoint is signed once this long has passed since the last one, if the trail grew.
    public let interval: Duration
    /// How often the trail's head is read.
    public let checkingEvery: Duration

    /// A schedule signing with `checkpointer` into `file`.
    ///
    /// - Parameters:
    ///   - everyEvents: sign once this many new events are in the trail (at least 1), or `nil`.
    ///   - interval: sign once this long has passed since the last checkpoint and the trail grew.
    ///   - checkingEvery: how often to read the trail's head; the interval's length when `nil`,
    ///     capped at one second when `everyEvents` is given.
    public init(
        checkpointer: AuditCheckpointer,
        file: AuditCheckpointFile,
        everyEvents: Int? = nil,
        interval: Duration,
        checkingEvery: Duration? = nil
    ) {
        self.checkpointer = checkpointer
        self.file = file
        self.everyEvents = everyEvents.map { max(1, $0) }
        self.interval = interval
        self.checkingEvery = checkingEvery ?? (everyEvents == nil ? interval : min(interval, .seconds(1)))
    }

    /// Starts ``run(on:)`` in a new task; cancel the task to stop the schedule.
    public func start(on store: some RecordStore) -> Task<Int, any Error> {
        Task { try await run(on: store) }
    }

    /// Signs a checkpoint of the trail as it is now, then one more whenever the schedule says,
    /// until the task is cancelled.
    ///
    /// - Returns: how many checkpoints were appended, once the task is cancelled.
    /// - Throws: what the store throws reading its trail, ``SignatureError`` when a checkpoint
    ///   cannot be signed or appended; the schedule stops there.
    public func run(on store: some RecordStore) async throws -> Int {
        let clock = ContinuousClock()
        var head = try await AuditCheckpointer.head(of: store, after: nil)
        try file.append(try await checkpointer.sign(head: head))
        var signed = 1
        var signedAt = clock.now
        var signedSequence = head?.sequence ?? 0
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: checkingEvery, clock: clock)
            } catch {
                break
            }
            head = try await AuditCheckpointer.head(of: store, after: head)
            let sequence = head?.sequence ?? 0
            guard sequence > signedSequence else { continue }
            let enough = everyEvents.map { sequence - signedSequence >= Int64($0) } ?? false
            guard enough || clock.now - signedAt >= interval else { continue }
            try file.append(try await checkpointer.sign(head: head))
            signed += 1
            signedAt = clock.now
            signedSequence = sequence
        }
        return signed
    }
}
