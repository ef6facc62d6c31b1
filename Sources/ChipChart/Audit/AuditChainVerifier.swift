import Foundation

/// Checks an audit trail link by link and reports the first broken one.
///
/// Feed events in sequence order, in as many batches as you like (a store pages through its
/// trail); the verifier keeps only the last event. An event whose hash does not match its
/// content was edited; a gap in the sequence or a predecessor hash that does not match means an
/// event was deleted or inserted.
///
/// <!-- snippet: context=Clinic -->
/// ```swift
/// var verifier = AuditChainVerifier()
/// for event in events { verifier.consume(event) }
/// let result = verifier.result   // result.firstBrokenLink == nil when intact
/// ```
public struct AuditChainVerifier: Sendable {
    private var previous: AuditEvent?
    private var count = 0
    private var broken: AuditVerification.BrokenLink?

    /// A verifier for a trail that starts at sequence 1.
    public init() {}

    /// Checks the next event; once a link is broken, later events are ignored.
    public mutating func consume(_ event: AuditEvent) {
        guard broken == nil else { return }
        count += 1
        let expectedSequence = (previous?.sequence ?? 0) + 1
        let expectedPrevious = previous?.hash ?? AuditEvent.genesisHash
        if event.sequence != expectedSequence {
            broken = .init(
                sequence: event.sequence,
                reason: "expected event \(expectedSequence): an event is missing or out of place"
            )
        } else if event.previousHash != expectedPrevious {
            broken = .init(
                sequence: event.sequence,
                reason: "the predecessor hash does not match: the previous event was changed or removed"
            )
        } else if event.hash != event.computedHash {
            broken = .init(
                sequence: event.sequence,
                reason: "the event's content does not match its hash: it was edited"
            )
        }
        previous = event
    }

    /// Checks that the trail consumed so far ends where a record kept apart from the events says
    /// it ends: a store's head of the chain, or a ``AuditVerification/lastHash`` kept elsewhere.
    ///
    /// The links between events cannot show that the last ones were removed; this can. A trail
    /// that stops short of `sequence` breaks at the first missing event, one that goes past it at
    /// the first event the head does not cover, and a last event whose hash is not `hash` at that
    /// event. Call it once, after the last event; a link already broken is kept.
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
    /// The hash of the last event, when the chain is intact: keep it elsewhere to detect
    /// truncation of the trail's end later.
    public var lastHash: String?
    /// The first broken link, or `nil` when the chain is intact.
    public var firstBrokenLink: BrokenLink?

    /// True when every link holds.
    public var isIntact: Bool { firstBrokenLink == nil }
}
