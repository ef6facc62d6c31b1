import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Re-verification of visits opened while the portal was down")
struct ReverificationTests {
    /// Opens a visit offline on a verified coverage; returns the world and the visit.
    func offlineVisit() async throws -> (InsuranceWorld, Visit) {
        let world = try await InsuranceWorld()
        _ = try await world.checkIn(.socialInsuranceNumber(world.number), key: "V1")
        world.portal.apply(.goOffline)
        world.clock.advance(by: 86_400)
        let offline = try await world.checkIn(.socialInsuranceNumber(world.number), key: "V2")
        #expect(offline.visit.needsCoverageReverification)
        world.portal.apply(.comeOnline)
        return (world, offline.visit)
    }

    @Test("A card revoked meanwhile: the open visit becomes self-pay and leaves the queue")
    func revokedMeanwhile() async throws {
        let (world, visit) = try await offlineVisit()
        world.portal.apply(.revoke(world.number))
        var queue = ReverificationQueue()
        let added = queue.enqueue(visit, at: world.clock.now)
        let addedAgain = queue.enqueue(visit, at: world.clock.now)
        #expect(added)
        #expect(!addedAgain, "queued once")
        let reverifier = CoverageReverifier(store: world.store, verifier: world.verifier(), staff: world.receptionist)
        let results = await reverifier.run(&queue, at: world.clock.now)
        #expect(results == [.resolved(visit.id, .revoked)])
        #expect(queue.isEmpty)
        let stored = try #require(try await world.visit(visit.id))
        #expect(stored.appliedCoverages.isEmpty)
        #expect(try await world.coverages().map(\.status) == [.revoked])
    }

    @Test("A wrong name on re-verification needs a person: the visit keeps its coverage and stays queued")
    func needsAttention() async throws {
        let (world, visit) = try await offlineVisit()
        world.portal.apply(.answerWrongName(world.number))
        var queue = ReverificationQueue()
        queue.enqueue(visit, at: world.clock.now)
        let reverifier = CoverageReverifier(store: world.store, verifier: world.verifier(), staff: world.receptionist)
        let results = await reverifier.run(&queue, at: world.clock.now)
        #expect(results == [.needsAttention(visit.id, .identityMismatch(.name))])
        #expect(queue.entries.first?.lastResult == .wrongName)
        #expect(queue.entries.first?.attempts == 1)
        let stored = try #require(try await world.visit(visit.id))
        #expect(stored.appliedCoverages == visit.appliedCoverages)
    }

    @Test("A closed visit is no longer re-verified; the queue survives encoding")
    func closedVisit() async throws {
        let (world, visit) = try await offlineVisit()
        var queue = ReverificationQueue()
        queue.enqueue(visit, at: world.clock.now)
        let saved = try JSONEncoder().encode(queue)
        var restored = try JSONDecoder().decode(ReverificationQueue.self, from: saved)
        #expect(restored == queue)

        var closed = visit
        closed.status = .closed
        closed.dischargedAt = world.clock.now
        var changes = ChangeSet(world.access)
        changes.save(closed)
        try await world.store.commit(changes)

        let reverifier = CoverageReverifier(store: world.store, verifier: world.verifier(), staff: world.receptionist)
        let results = await reverifier.run(&restored, at: world.clock.now)
        #expect(results == [.notNeeded(visit.id)])
        #expect(restored.isEmpty)
        #expect(world.portal.lookupCount == 2, "no lookup for a visit that no longer needs one")
    }

    @Test("Forced insurer errors keep the last verified coverage, unverified")
    func insurerError() async throws {
        let world = try await InsuranceWorld()
        let first = try await world.checkIn(.socialInsuranceNumber(world.number), key: "V1")
        world.portal.apply(.forceResult(world.number, .serverError))
        world.clock.advance(by: 86_400)
        let second = try await world.checkIn(.socialInsuranceNumber(world.number), key: "V2")
        #expect(second.check.outcome == .insurerError(.serverError))
        #expect(second.check.isUnverified)
        #expect(second.visit.appliedCoverages.map(\.coverageID) == first.visit.appliedCoverages.map(\.coverageID))
        #expect(second.visit.needsCoverageReverification)
    }
}
