import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Insurance card replacement, end to end on the in-memory store")
struct CardReplacementTests {
    @Test("1. Group change DN→HC, old card still valid (004): linked, old closed, visits keep their card")
    func groupChangeOldStillValid() async throws {
        let world = try await InsuranceWorld()
        let dn = try InsuranceCardCode("DN4010123456789")
        let first = try await world.checkIn(.personalID(world.personalID), key: "V1")
        #expect(first.check.outcome == .confirmed)
        #expect(first.visit.appliedCoverages.map(\.cardCode) == [dn])

        let hc = try card("HC4010123456789", from: day(2026, 3, 10), to: day(2026, 12, 31))
        let (old, new, second) = try await world.replaceAndCheckIn(
            dn,
            with: hc,
            oldStaysValid: true,
            at: at(2026, 3, 12, hour: 9)
        ) { try await $0.checkIn(.cardCode(dn), key: "V2") }
        #expect(second.check.outcome == .replaced(oldStillValid: true))
        #expect(old.status == .replaced)
        #expect(old.validity.end == (try day(2026, 3, 9)))
        #expect(new.socialInsuranceNumber == old.socialInsuranceNumber)
        #expect(second.visit.appliedCoverages.map(\.coverageID) == [new.id])

        let past = try #require(try await world.visit(first.visit.id))
        #expect(past.appliedCoverages.map(\.cardCode) == [dn])

        world.clock.advance(by: 86_400)
        let third = try await world.checkIn(.socialInsuranceNumber(world.number), key: "V3")
        #expect(third.check.outcome == .confirmed)
        #expect(third.visit.appliedCoverages.map(\.coverageID) == [new.id])
        #expect(try await world.coverages().count == 2)
    }

    @Test("2. Old card expired, a new one issued (003)")
    func oldExpiredNewIssued() async throws {
        let lastYear = try DatePeriod(start: day(2025, 1, 1), end: day(2025, 12, 31))
        let world = try await InsuranceWorld(
            start: at(2025, 6, 2, hour: 8),
            card: "HS4010123456789",
            validity: lastYear
        )
        let old = try InsuranceCardCode("HS4010123456789")
        _ = try await world.checkIn(.cardCode(old), key: "V2025")

        // The pupil's card (HS) ended with the school year; a student's card (SV) follows.
        let renewed = try card("SV4010123456789", from: day(2026, 1, 1), to: day(2026, 12, 31))
        let (previous, current, result) = try await world.replaceAndCheckIn(
            old,
            with: renewed,
            oldStaysValid: false,
            at: at(2026, 3, 2, hour: 8)
        ) { try await $0.checkIn(.cardCode(old), key: "V2026") }
        #expect(result.check.outcome == .replaced(oldStillValid: false))
        #expect(previous.validity.start == (try day(2025, 1, 1)))
        #expect(current.validity.start == (try day(2026, 1, 1)))
        #expect(previous.id != current.id)
        #expect(previous.validity.end == (try day(2025, 12, 31)))
        #expect(result.visit.appliedCoverages.map(\.coverageID) == [current.id])
        #expect(result.visit.appliedCoverages.first?.unverified == false)
    }

    @Test("3. An inpatient stay spanning a replacement carries both coverages in order, with periods")
    func stayAcrossReplacement() async throws {
        let world = try await InsuranceWorld(start: at(2026, 3, 5, hour: 10))
        let dn = try InsuranceCardCode("DN4010123456789")
        let admission = try await world.checkIn(.cardCode(dn), kind: .inpatient, key: "STAY1")
        var stay = admission.visit

        let ht = try card("HT3010123456789", from: day(2026, 3, 10), to: day(2026, 12, 31))
        world.portal.apply(.replaceCard(world.number, with: ht, reason: .groupChange, oldStaysValid: true))
        world.clock.set(at(2026, 3, 11, hour: 8))
        let recheck = await world.verifier().check(
            try world.query(.cardCode(dn)),
            coverages: try await world.coverages(),
            patient: world.patient.id,
            at: world.clock.now
        )
        #expect(recheck.outcome == .replaced(oldStillValid: true))
        let moved = stay.apply(recheck)
        #expect(moved)

        let discharge = at(2026, 3, 14, hour: 15)
        stay.dischargedAt = discharge
        stay.status = .closed
        stay.lineItems = [
            try LineItem(
                kind: .service,
                code: "BED",
                name: "bed day",
                quantity: 1,
                unitPrice: Money(dong: 200_000),
                insurancePrice: Money(dong: 200_000),
                orderedAt: at(2026, 3, 6, hour: 9)
            ),
            try LineItem(
                kind: .service,
                code: "BED",
                name: "bed day",
                quantity: 1,
                unitPrice: Money(dong: 200_000),
                insurancePrice: Money(dong: 200_000),
                orderedAt: at(2026, 3, 12, hour: 9)
            ),
        ]
        stay.apply(recheck)
        var changes = ChangeSet(world.access)
        recheck.save(into: &changes)
        changes.save(stay)
        let stored = try await world.store.commit(changes).visits[0]

        let periods = stored.appliedCoverages
        #expect(periods.map(\.cardCode) == [dn, ht.code])
        #expect(periods[0].from == admission.visit.admittedAt)
        #expect(periods[0].until == (try day(2026, 3, 10)).startInstant)
        #expect(periods[1].from == (try day(2026, 3, 10)).startInstant)
        #expect(periods[1].until == discharge)
        #expect(periods[0].cardValidity.end == (try day(2026, 3, 9)))

        let timeline = CoverageTimeline(try await world.coverages())
        let fromStore = timeline.appliedCoverages(admittedAt: stored.admittedAt, dischargedAt: discharge)
        #expect(fromStore.map(\.coverageID) == periods.map(\.coverageID))

        // Each line is paid by the card of its day: 80% (level 4), then 95% (level 3).
        #expect(stored.benefitSplits.map(\.fundPays) == [Money(dong: 160_000), Money(dong: 190_000)])
    }

    @Test("4. A replacement while offline: unverified old coverage, later re-verification moves the open visit")
    func replacementWhileOffline() async throws {
        let world = try await InsuranceWorld()
        let dn = try InsuranceCardCode("DN4010123456789")
        _ = try await world.checkIn(.cardCode(dn), key: "V1")

        let hc = try card("HC4010123456789", from: day(2026, 3, 10), to: day(2026, 12, 31))
        world.portal.apply(.replaceCard(world.number, with: hc, reason: .groupChange, oldStaysValid: false))
        world.portal.apply(.goOffline)
        world.clock.set(at(2026, 3, 12, hour: 9))

        let offline = try await world.checkIn(.cardCode(dn), key: "V2")
        guard case .portalUnavailable = offline.check.outcome else {
            Issue.record("expected the portal to be unavailable, got \(offline.check.outcome)")
            return
        }
        #expect(offline.visit.appliedCoverages.map(\.cardCode) == [dn])
        #expect(offline.visit.appliedCoverages.first?.unverified == true)
        #expect(offline.visit.needsCoverageReverification)
        #expect(try await world.coverages().count == 1)

        // The queue is rebuilt from the store alone, as after a crash.
        var queue = ReverificationQueue()
        let added = try await queue.catchUp(with: world.store, for: world.access)
        #expect(added == 1)
        #expect(queue.entries.map(\.visitID) == [offline.visit.id])

        let reverifier = CoverageReverifier(store: world.store, verifier: world.verifier(), staff: world.receptionist)
        let stillOffline = await reverifier.run(&queue, at: world.clock.now)
        #expect(stillOffline.count == 1)
        #expect(queue.entries.first?.attempts == 1)

        world.portal.apply(.comeOnline)
        world.clock.advance(by: 3600)
        let results = await reverifier.run(&queue, at: world.clock.now)
        #expect(results == [.resolved(offline.visit.id, .replaced(oldStillValid: false))])
        #expect(queue.isEmpty)

        let coverages = try await world.coverages()
        #expect(coverages.count == 2)
        let new = try #require(coverages.first { $0.cardCode == hc.code })
        #expect(new.replaces == coverages.first { $0.cardCode == dn }?.id)
        let visit = try #require(try await world.visit(offline.visit.id))
        #expect(visit.appliedCoverages.map(\.coverageID) == [new.id])
        #expect(visit.appliedCoverages.first?.unverified == false)
        #expect(!visit.needsCoverageReverification)
    }

    enum TypedNumber: String, CaseIterable, Sendable {
        case cardCode, socialInsuranceNumber, personalID
    }

    @Test("5. The same coverage is found by 15-character code, 10-digit number or 12-digit personal ID")
    func sameCoverageByAnyNumber() async throws {
        let world = try await InsuranceWorld()
        var seen: [CoverageID] = []
        for (index, typed) in TypedNumber.allCases.enumerated() {
            let number: PortalQuery.CardNumber
            switch typed {
            case .cardCode: number = .cardCode(try InsuranceCardCode("DN4010123456789"))
            case .socialInsuranceNumber: number = .socialInsuranceNumber(world.number)
            case .personalID: number = .personalID(world.personalID)
            }
            world.clock.advance(by: 86_400)
            let result = try await world.checkIn(number, key: "V\(index)")
            #expect(result.check.outcome == .confirmed, "\(typed)")
            seen += result.visit.appliedCoverages.map(\.coverageID)
        }
        #expect(seen.count == 3)
        #expect(Set(seen).count == 1)
        #expect(try await world.coverages().count == 1)
    }

    @Test("6. Two desks at the same moment during a replacement record exactly one new coverage")
    func twoDesksAtOnce() async throws {
        let world = try await InsuranceWorld()
        let dn = try InsuranceCardCode("DN4010123456789")
        _ = try await world.checkIn(.cardCode(dn), key: "V0")
        let hc = try card("HC4010123456789", from: day(2026, 3, 10), to: day(2026, 12, 31))
        let (_, new, results) = try await world.replaceAndCheckIn(
            dn,
            with: hc,
            oldStaysValid: true,
            at: at(2026, 3, 12, hour: 9)
        ) { world in
            // Both desks read before either commits: the portal answers the first two lookups only
            // once both have arrived.
            let portal = BarrierPortal(world.portal, parties: 2)
            return try await withThrowingTaskGroup(of: CheckInResult.self) { group in
                // Two visits of different kinds: one person holds one open visit of a kind a day.
                for (desk, kind) in [(1, VisitKind.outpatient), (2, VisitKind.dayInpatient)] {
                    group.addTask {
                        try await world.checkIn(.cardCode(dn), kind: kind, key: "DESK\(desk)", portal: portal)
                    }
                }
                var results: [CheckInResult] = []
                for try await result in group { results.append(result) }
                return results
            }
        }
        let coverages = try await world.coverages()
        #expect(coverages.filter { $0.cardCode == hc.code }.count == 1)
        #expect(coverages.filter { $0.replaces != nil }.count == 1)
        #expect(results.map(\.conflicts).sorted() == [0, 1])
        #expect(results.allSatisfy { $0.visit.appliedCoverages.map(\.coverageID) == [new.id] })
    }
}

extension InsuranceWorld {
    /// A card replacement as the scenarios stage it: replaces the holder's card by `new` at the
    /// simulated portal, moves the clock to `time`, checks in by the old card with `checkIn`, then
    /// finds the coverages — exactly two: the old card's and the new card's, each linked to the
    /// other — and returns them with what `checkIn` returned.
    func replaceAndCheckIn<Receipt>(
        _ oldCode: InsuranceCardCode,
        with new: SimulatedInsurancePortal.Card,
        oldStaysValid: Bool,
        at time: Date,
        sourceLocation: SourceLocation = #_sourceLocation,
        checkIn: (InsuranceWorld) async throws -> Receipt
    ) async throws -> (old: Coverage, new: Coverage, receipt: Receipt) {
        portal.apply(.replaceCard(number, with: new, reason: .groupChange, oldStaysValid: oldStaysValid))
        clock.set(time)
        let receipt = try await checkIn(self)
        let coverages = try await coverages()
        #expect(coverages.count == 2, sourceLocation: sourceLocation)
        let old = try #require(coverages.first { $0.cardCode == oldCode }, sourceLocation: sourceLocation)
        let replacement = try #require(coverages.first { $0.cardCode == new.code }, sourceLocation: sourceLocation)
        #expect(replacement.replaces == old.id, sourceLocation: sourceLocation)
        #expect(old.replacedBy == replacement.id, sourceLocation: sourceLocation)
        return (old, replacement, receipt)
    }
}
