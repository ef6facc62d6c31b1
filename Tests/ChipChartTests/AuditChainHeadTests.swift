import Foundation
import Testing

@testable import ChipChart

@Suite("Audit chain checked against its head")
struct AuditChainHeadTests {
    /// A trail of five events, how much of it is kept, the head given, and where it must break.
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let kept: Int
        let headSequence: Int64
        /// The index of the event whose hash the head carries; `nil` for a hash nobody has.
        let headHashOf: Int?
        let brokenAt: Int64?
    }

    @Test(
        "the trail's end is checked against the head kept apart from it",
        arguments: [
            Case(description: "whole trail, matching head", kept: 5, headSequence: 5, headHashOf: 4, brokenAt: nil),
            Case(description: "last event removed", kept: 4, headSequence: 5, headHashOf: 4, brokenAt: 5),
            Case(description: "last three removed", kept: 2, headSequence: 5, headHashOf: 4, brokenAt: 3),
            Case(description: "every event removed", kept: 0, headSequence: 5, headHashOf: 4, brokenAt: 1),
            Case(description: "events past the head", kept: 5, headSequence: 3, headHashOf: 2, brokenAt: 4),
            Case(description: "last event replaced", kept: 5, headSequence: 5, headHashOf: nil, brokenAt: 5),
            Case(description: "empty trail, empty head", kept: 0, headSequence: 0, headHashOf: nil, brokenAt: nil),
        ]
    )
    func endCheckedAgainstHead(_ check: Case) throws {
        let events = try AuditTrailTests.chain(5)
        var verifier = AuditChainVerifier()
        for event in events.prefix(check.kept) { verifier.consume(event) }
        let hash =
            check.headHashOf.map { events[$0].hash }
            ?? (check.headSequence == 0 ? AuditEvent.genesisHash : String(repeating: "f", count: 64))
        verifier.finish(atHead: check.headSequence, hash: hash)
        #expect(verifier.result.firstBrokenLink?.sequence == check.brokenAt, "\(verifier.result)")
        #expect(verifier.result.isIntact == (check.brokenAt == nil))
    }

    @Test("a link broken before the end is kept, not replaced by the head's verdict")
    func earlierBreakKept() throws {
        let events = try AuditTrailTests.chain(5)
        var verifier = AuditChainVerifier()
        for event in events where event.sequence != 2 { verifier.consume(event) }
        verifier.finish(atHead: 9, hash: events[4].hash)
        #expect(verifier.result.firstBrokenLink?.sequence == 3)
    }
}
