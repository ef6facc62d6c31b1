import Foundation

/// Checks an audit trail link by link and reports the first broken one.
///
/// Feed events in sequence order, in as many batches as you like (a store pages through its
/// trail); the verifier keeps only the head of each chain. A trail is one chain (SQLite, the
/// in-memory store) or several (PostgreSQL, where each writing transaction appends to a chain of
/// its own), tied together by ``AuditEvent/Action/checkpoint`` events.
///
/// Walking in ascending sequence, every event must link to the head of a chain — the last event
/// of a chain, which it then replaces (a head may be followed once: a fork is a break), the
/// ``AuditEvent/genesisHash`` for the trail's very first event, or the latest checkpoint, which
/// starts a new chain (one checkpoint may start several). Checkpoints form a chain of their own
/// (the first links to the genesis hash), and each must list exactly the chain heads the walk has
/// reached. Sequence numbers must increase; gaps are allowed. An event whose hash does not match
/// its content was edited; a link to no head means an event was removed or inserted before it; a
/// checkpoint listing other heads means one was inserted or removed before the checkpoint.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var verifier = AuditChainVerifier()
/// for event in events { verifier.consume(event) }
/// let result = verifier.result   // result.firstBrokenLink == nil when intact
/// ```
public struct AuditChainVerifier: Sendable {
    /// The event with the highest sequence so far.
    private var previous: AuditEvent?
    /// The sequence number of each chain's last event, by its hash; the genesis hash until the
    /// trail's first event.
    private var heads: [String: Int64] = [AuditEvent.genesisHash: 0]
    /// The latest checkpoint.
    private var checkpoint: AuditChainHead?
    private var count = 0
    private var broken: AuditVerification.BrokenLink?

    /// A verifier for a trail that starts at its first event.
    public init() {}

    /// Checks the next event; once a link is broken, later events are ignored.
    public mutating func consume(_ event: AuditEvent) {
        guard broken == nil else { return }
        count += 1
        defer { previous = event }
        let last = previous?.sequence ?? 0
        if event.sequence <= last {
            broken = .init(
                sequence: event.sequence,
                reason: "event \(event.sequence) comes after event \(last): an event is out of place"
            )
        } else if event.action == .checkpoint {
            consumeCheckpoint(event)
        } else if heads.removeValue(forKey: event.previousHash) == nil, event.previousHash != checkpoint?.hash {
            broken = .init(
                sequence: event.sequence,
                reason: "the predecessor hash does not match: the previous event was changed or removed"
            )
        } else if event.hash != event.computedHash {
            broken = .init(sequence: event.sequence, reason: Self.edited)
        } else {
            heads[event.hash] = event.sequence
        }
    }

    private static let edited = "the event's content does not match its hash: it was edited"

    /// Checks a checkpoint: it follows the previous checkpoint and lists exactly the chain heads.
    private mutating func consumeCheckpoint(_ event: AuditEvent) {
        if event.previousHash != (checkpoint?.hash ?? AuditEvent.genesisHash) {
            broken = .init(
                sequence: event.sequence,
                reason: "the checkpoint does not follow the previous one: a checkpoint was changed or removed"
            )
        } else if event.hash != event.computedHash {
            broken = .init(sequence: event.sequence, reason: Self.edited)
        } else if let listed = AuditChainHead.heads(inCheckpointDetail: event.detail) {
            if let differs = Self.difference(expected: listed, found: currentHeads) {
                broken = .init(
                    sequence: differs,
                    reason:
                        "the checkpoint at event \(event.sequence) lists other chain heads than the events before it end in: an event was inserted or removed"
                )
            }
            checkpoint = AuditChainHead(event)
        } else {
            broken = .init(sequence: event.sequence, reason: "the checkpoint's list of chain heads does not parse")
        }
    }

    /// The last event of every chain, the latest checkpoint not included.
    private var currentHeads: [AuditChainHead] {
        heads.map { AuditChainHead(sequence: $0.value, hash: $0.key) }
    }

    /// Where two lists of heads first differ: the first head expected but not found (its event
    /// was removed), else the first found but not expected (inserted); `nil` when they agree.
    private static func difference(expected: [AuditChainHead], found: [AuditChainHead]) -> Int64? {
        let expectedSet = Set(expected)
        let foundSet = Set(found)
        guard expectedSet != foundSet || expected.count != found.count else { return nil }
        if let missing = expectedSet.subtracting(foundSet).min() { return missing.sequence }
        return foundSet.subtracting(expectedSet).min()?.sequence ?? expected.min()?.sequence ?? 0
    }

    /// Checks that the trail consumed so far ends where a record kept apart from the events says
    /// it ends: a store's head of the chain, or a ``AuditVerification/lastHash`` kept elsewhere.
    ///
    /// The links between events cannot show that the last ones were removed; this can. A trail
    /// that stops short of `sequence` breaks at the first missing event, one that goes past it at
    /// the first event the head does not cover, and a last event whose hash is not `hash` at that
    /// event. Call it once, after the last event; a link already broken is kept. For a trail
    /// kept as several chains, whose store records the head of each, use ``finish(atHeads:)``.
    public mutating func finish(atHead sequence: Int64, hash: String) {
        guard broken == nil else { return }
        let last = previous?.sequence ?? 0
        if sequence > last {
            broken = .init(
                sequence: last + 1,
                reason:
                    "the trail ends at event \(last) but its head records event \(sequence): events at the end were removed"
            )
        } else if sequence < last {
            broken = .init(
                sequence: sequence + 1,
                reason: "the head records event \(sequence) as the last: the events after it were added behind its back"
            )
        } else if (previous?.hash ?? AuditEvent.genesisHash) != hash {
            broken = .init(
                sequence: last,
                reason: "the last event is not the one its head records: it was replaced"
            )
        }
    }

    /// Checks that the chains consumed so far end where a store's table of chain heads says they
    /// end: every head recorded is the end of a chain of the trail (or its latest checkpoint),
    /// and every chain's end is recorded.
    ///
    /// This finds events removed from the end of a chain after the last checkpoint, which no link
    /// and no checkpoint shows: the link breaks at the first head recorded but not reached (the
    /// first event removed), else at the first chain end not recorded (added behind the table's
    /// back). Call it once, after the last event; a link already broken is kept.
    public mutating func finish(atHeads recorded: [AuditChainHead]) {
        guard broken == nil else { return }
        let reached = currentHeads + (checkpoint.map { [$0] } ?? [])
        guard let differs = Self.difference(expected: recorded, found: reached) else { return }
        broken = .init(
            sequence: differs,
            reason:
                "the chains end in other events than their heads record: events at the end were removed or added behind their back"
        )
    }

    /// The verdict so far.
    public var result: AuditVerification {
        AuditVerification(eventCount: count, lastHash: broken == nil ? previous?.hash : nil, firstBrokenLink: broken)
    }

    /// Verifies a whole trail at once.
    public static func verify(_ events: some Sequence<AuditEvent>) -> AuditVerification {
        var verifier = AuditChainVerifier()
        for event in events { verifier.consume(event) }
        return verifier.result
    }
}

/// The verdict on an audit trail.
public struct AuditVerification: Hashable, Sendable, Codable {
    /// Where the chain first breaks, and why.
    public struct BrokenLink: Hashable, Sendable, Codable {
        /// The sequence number of the first event that does not fit.
        public var sequence: Int64
        /// What is wrong.
        public var reason: String
    }

    /// How many events were checked.
    public var eventCount: Int
    /// The hash of the event with the highest sequence number, when the trail is intact: keep it
    /// elsewhere to detect truncation of the trail's end later. In a trail kept as one chain this
    /// is the chain's head; in one kept as several (PostgreSQL) it is the head of one of them,
    /// and the store's table of chain heads guards the others
    /// (``AuditChainVerifier/finish(atHeads:)``).
    public var lastHash: String?
    /// The first broken link, or `nil` when the chain is intact.
    public var firstBrokenLink: BrokenLink?

    /// True when every link holds.
    public var isIntact: Bool { firstBrokenLink == nil }
}
