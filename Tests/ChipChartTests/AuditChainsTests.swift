import Foundation
import Testing

@testable import ChipChart

@Suite("Audit trail kept as several chains")
struct AuditChainsTests {
    /// One step of writing a trail: an event appended to a chain (started after the latest
    /// checkpoint, or the genesis hash, when it has none yet), or a checkpoint of every chain.
    enum Step {
        case event(chain: Int, sequence: Int64)
        case checkpoint(sequence: Int64)
    }

    /// Three chains, two checkpoints, gaps in the sequence: A 1 2, checkpoint 3, B 5, A 6,
    /// C 7, B 8, checkpoint 10, A 11, B 12, A 14.
    static let script: [Step] = [
        .event(chain: 0, sequence: 1), .event(chain: 0, sequence: 2), .checkpoint(sequence: 3),
        .event(chain: 1, sequence: 5), .event(chain: 0, sequence: 6), .event(chain: 2, sequence: 7),
        .event(chain: 1, sequence: 8), .checkpoint(sequence: 10), .event(chain: 0, sequence: 11),
        .event(chain: 1, sequence: 12), .event(chain: 0, sequence: 14),
    ]

    static func draft(
        _ index: Int64,
        action: AuditEvent.Action = .read,
        detail: String? = nil
    ) throws
        -> AuditEvent.Draft
    {
        AuditEvent.Draft(
            at: Date(timeIntervalSince1970: 1_772_409_600 + Double(index)),
            staff: Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001")),
            action: action,
            recordKind: .patient,
            recordID: UUID(),
            patientID: PatientID(),
            purpose: "check-in",
            detail: detail
        )
    }

    /// The trail `steps` write, and the heads a store records at its end (every chain's last
    /// event and the latest checkpoint).
    static func trail(_ steps: [Step] = script) throws -> (events: [AuditEvent], heads: [AuditChainHead]) {
        var chains: [Int: AuditEvent] = [:]
        var checkpoint: AuditEvent?
        var events: [AuditEvent] = []
        for step in steps {
            switch step {
            case .event(let chain, let sequence):
                let previous = chains[chain]?.hash ?? checkpoint?.hash ?? AuditEvent.genesisHash
                let event = try draft(sequence).sealed(sequence: sequence, previousHash: previous)
                chains[chain] = event
                events.append(event)
            case .checkpoint(let sequence):
                let detail = AuditChainHead.checkpointDetail(chains.values.map(AuditChainHead.init))
                let event = try draft(sequence, action: .checkpoint, detail: detail)
                    .sealed(sequence: sequence, previousHash: checkpoint?.hash ?? AuditEvent.genesisHash)
                checkpoint = event
                events.append(event)
            }
        }
        let heads = (Array(chains.values) + (checkpoint.map { [$0] } ?? [])).map(AuditChainHead.init)
        return (events, heads)
    }

    /// A change to the trail, and the sequence number the verifier must report first (`nil`:
    /// none), walking and then checking the heads.
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let change: @Sendable (inout [AuditEvent]) throws -> Void
        let brokenAt: Int64?
    }

    static func index(of sequence: Int64, in events: [AuditEvent]) -> Int {
        events.firstIndex { $0.sequence == sequence } ?? -1
    }

    /// A forged event at `sequence` linked to `previousHash`, put in its place in the trail.
    static func insert(
        _ sequence: Int64,
        after previousHash: @escaping @Sendable ([AuditEvent]) -> String
    )
        -> @Sendable (inout [AuditEvent]) throws -> Void
    {
        { events in
            let forged = try draft(sequence).sealed(sequence: sequence, previousHash: previousHash(events))
            events.insert(forged, at: events.firstIndex { $0.sequence > sequence } ?? events.count)
        }
    }

    static func hash(of sequence: Int64) -> @Sendable ([AuditEvent]) -> String {
        { events in events[index(of: sequence, in: events)].hash }
    }

    static let cases: [Case] = [
        Case(description: "intact", change: { _ in }, brokenAt: nil),
        Case(
            description: "an event edited",
            change: { $0[index(of: 6, in: $0)] = AuditTrailTests.edited($0[index(of: 6, in: $0)], purpose: "x") },
            brokenAt: 6
        ),
        Case(
            description: "a checkpoint edited",
            change: { $0[index(of: 3, in: $0)] = AuditTrailTests.edited($0[index(of: 3, in: $0)], purpose: "x") },
            brokenAt: 3
        ),
        Case(
            description: "removed in the middle of a chain, before a checkpoint",
            change: { $0.remove(at: index(of: 6, in: $0)) },
            brokenAt: 6
        ),
        Case(
            description: "removed in the middle of a chain, after the last checkpoint",
            change: { $0.remove(at: index(of: 11, in: $0)) },
            brokenAt: 14
        ),
        Case(description: "a checkpoint removed", change: { $0.remove(at: index(of: 3, in: $0)) }, brokenAt: 5),
        Case(
            description: "removed at the end of a chain before a checkpoint",
            change: { $0.remove(at: index(of: 7, in: $0)) },
            brokenAt: 7
        ),
        Case(
            description: "removed at the end of the trail after the last checkpoint",
            change: { $0.removeLast() },
            brokenAt: 14
        ),
        Case(description: "inserted in a chain", change: insert(4, after: hash(of: 2)), brokenAt: 6),
        Case(
            description: "inserted as a new chain before a checkpoint",
            change: insert(9, after: hash(of: 3)),
            brokenAt: 9
        ),
        Case(
            description: "inserted as a new chain after the last checkpoint",
            change: insert(13, after: hash(of: 10)),
            brokenAt: 13
        ),
        Case(
            description: "a fork from the genesis hash",
            change: insert(4, after: { _ in AuditEvent.genesisHash }),
            brokenAt: 4
        ),
        Case(description: "a new chain from an older checkpoint", change: insert(13, after: hash(of: 3)), brokenAt: 13),
        Case(
            description: "two events swapped",
            change: { $0.swapAt(index(of: 5, in: $0), index(of: 6, in: $0)) },
            brokenAt: 5
        ),
    ]

    @Test("each change to a trail of several chains is found, by the walk or against the heads", arguments: cases)
    func changeFound(_ check: Case) throws {
        var (events, heads) = try Self.trail()
        try check.change(&events)
        var verifier = AuditChainVerifier()
        for event in events { verifier.consume(event) }
        verifier.finish(atHeads: heads)
        #expect(verifier.result.firstBrokenLink?.sequence == check.brokenAt, "\(verifier.result)")
        #expect(verifier.result.isIntact == (check.brokenAt == nil))
    }

    @Test("the head rows of a store are checked both ways")
    func headRowsChecked() throws {
        let (events, heads) = try Self.trail()
        for recorded in [Array(heads.dropFirst()), heads + [AuditChainHead(sequence: 20, hash: "f")]] {
            var verifier = AuditChainVerifier()
            for event in events { verifier.consume(event) }
            verifier.finish(atHeads: recorded)
            #expect(!verifier.result.isIntact)
        }
    }

    @Test("an empty trail matches the genesis head of its first chain")
    func emptyTrail() {
        var verifier = AuditChainVerifier()
        verifier.finish(atHeads: [AuditChainHead(sequence: 0, hash: AuditEvent.genesisHash)])
        #expect(verifier.result.isIntact && verifier.result.eventCount == 0)
    }

    @Test("a checkpoint's detail lists its heads and reads back")
    func checkpointDetailRoundTrips() {
        let heads = [
            AuditChainHead(sequence: 9, hash: "ab"), AuditChainHead(sequence: 0, hash: AuditEvent.genesisHash),
        ]
        let detail = AuditChainHead.checkpointDetail(heads)
        #expect(detail == "0:\(AuditEvent.genesisHash) 9:ab")
        #expect(AuditChainHead.heads(inCheckpointDetail: detail) == heads.sorted())
        #expect(AuditChainHead.heads(inCheckpointDetail: "") == [])
        for bad in ["9", "x:ab", "9:ab  1:c", "-1:ab"] { #expect(AuditChainHead.heads(inCheckpointDetail: bad) == nil) }
    }
}
