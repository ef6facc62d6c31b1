import Foundation
import Testing

@testable import ChipChart

@Suite("Audit trail")
struct AuditTrailTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesFIPS180Vectors(_ message: String, _ digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }

    /// Messages that end just before, at and just after the lengths where the padding needs a
    /// second block.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func sha256PadsAtEveryBlockBoundary(_ length: Int, _ digest: String) {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: length)) == digest)
    }

    @Test func sha256OfAMillionAs() {
        let digest = SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static func chain(_ count: Int) throws -> [AuditEvent] {
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        var events: [AuditEvent] = []
        for index in 0..<count {
            let draft = AuditEvent.Draft(
                at: Date(timeIntervalSince1970: 1_772_409_600 + Double(index)),
                staff: staff,
                action: index.isMultiple(of: 2) ? .create : .read,
                recordKind: .patient,
                recordID: UUID(),
                patientID: PatientID(),
                purpose: "check-in"
            )
            events.append(draft.sealed(after: events.last))
        }
        return events
    }

    static func edited(_ event: AuditEvent, purpose: String) -> AuditEvent {
        AuditEvent(
            sequence: event.sequence,
            at: event.at,
            staff: event.staff,
            action: event.action,
            recordKind: event.recordKind,
            recordID: event.recordID,
            patientID: event.patientID,
            purpose: purpose,
            detail: event.detail,
            previousHash: event.previousHash,
            hash: event.hash
        )
    }

    @Test func anEventResealedFromItsDraftAfterItsPredecessorIsTheSame() throws {
        let events = try Self.chain(3)
        #expect(events[0].draft.sealed(after: nil) == events[0])
        #expect(events[2].draft.sealed(after: events[1]) == events[2])
    }

    @Test func anIntactChainVerifies() throws {
        let events = try Self.chain(5)
        let result = AuditChainVerifier.verify(events)
        #expect(result.isIntact && result.eventCount == 5 && result.lastHash == events.last?.hash)
        #expect(events[0].previousHash == AuditEvent.genesisHash)
        #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
    }

    @Test func anEditedEventIsReportedAsTheFirstBrokenLink() throws {
        var events = try Self.chain(5)
        events[2] = Self.edited(events[2], purpose: "curiosity")
        let result = AuditChainVerifier.verify(events)
        #expect(result.firstBrokenLink?.sequence == 3)
        #expect(result.firstBrokenLink?.reason.contains("edited") == true)
    }

    @Test func aDeletedEventIsReported() throws {
        var events = try Self.chain(5)
        events.remove(at: 2)
        #expect(AuditChainVerifier.verify(events).firstBrokenLink?.sequence == 4)
    }

    @Test func aRechainedForgeryIsCaughtAtThePredecessorLink() throws {
        var events = try Self.chain(5)
        // Recompute event 3's hash after editing it: event 4 still names the old hash.
        let forged = Self.edited(events[2], purpose: "curiosity")
        events[2] = AuditEvent(
            sequence: forged.sequence,
            at: forged.at,
            staff: forged.staff,
            action: forged.action,
            recordKind: forged.recordKind,
            recordID: forged.recordID,
            patientID: forged.patientID,
            purpose: forged.purpose,
            detail: forged.detail,
            previousHash: forged.previousHash,
            hash: forged.computedHash
        )
        #expect(AuditChainVerifier.verify(events).firstBrokenLink?.sequence == 4)
    }

    @Test func timestampsAreKeptToTheMillisecond() throws {
        let staff = Staff(name: try PersonName("A B"), personalID: try PersonalID("001185000001"))
        let draft = AuditEvent.Draft(
            at: Date(timeIntervalSince1970: 1.2345678),
            staff: staff,
            action: .read,
            purpose: "p"
        )
        #expect(draft.sealed(after: nil).epochMilliseconds == 1234)
    }
}
