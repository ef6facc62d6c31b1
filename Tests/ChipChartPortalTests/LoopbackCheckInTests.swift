import ChipChart
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartTesting
import Foundation
import Testing

@Suite("Check-in against the fake portal over HTTP on loopback")
struct LoopbackCheckInTests {
    static let oldCode = "DN4010123456789"
    static let newCode = "HT3010123456789"

    @Test(arguments: [false, true])
    func aCheckInMeetsAReplacedCard(oldStaysValid: Bool) async throws {
        try await LoopbackDesk.with { desk in
            let reading = try LoopbackDesk.reading()
            try desk.enrol(reading)
            let first = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
            #expect(first.coverage?.cardCode.value == Self.oldCode)
            desk.insurer.apply(
                .replaceCard(
                    try SocialInsuranceNumber("0123456789"),
                    with: try LoopbackDesk.card(Self.newCode, from: try CalendarDate(year: 2026, month: 3, day: 3)),
                    reason: .groupChange,
                    oldStaysValid: oldStaysValid
                )
            )
            desk.clock.advance(by: 86_400)
            let receipt = try await desk.reception.checkIn(
                reading,
                for: VisitRequest(insuranceCard: try InsuranceCardCode(Self.oldCode)),
                by: desk.staff
            )
            #expect(receipt.coverageOutcome == .replaced(oldStillValid: oldStaysValid))
            let coverages = try await desk.store.coverages(ofPatient: first.patient.id, for: desk.access)
            #expect(coverages.map(\.cardCode.value).sorted() == [Self.newCode, Self.oldCode].sorted())
            #expect(coverages.contains { $0.replacedBy != nil })
        }
    }

    /// What makes the desk's token useless between two lookups.
    enum Disruption: String, CaseIterable, Sendable {
        /// The token's lifetime (10 minutes) runs out: renewed before the call.
        case expiry
        /// The portal forgets it: 401 with a JSON body, renewed once.
        case revocation
        /// The portal refuses it with 401 and an empty body, renewed once.
        case emptyUnauthorized
    }

    /// The second check-in is an inpatient admission: a visit of another slot, so the insurer is
    /// asked again (a second outpatient check-in the same day continues the open visit).
    @Test(arguments: Disruption.allCases)
    func theTokenIsRenewedOnce(after disruption: Disruption) async throws {
        try await LoopbackDesk.with { desk in
            let reading = try LoopbackDesk.reading()
            try desk.enrol(reading)
            _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
            switch disruption {
            case .expiry: desk.clock.advance(by: 11 * 60)
            case .revocation: desk.fake.revokeTokens()
            case .emptyUnauthorized: desk.fake.answerUnauthorizedWithEmptyBody(times: 1)
            }
            let receipt = try await desk.reception.checkIn(reading, for: VisitRequest(kind: .inpatient), by: desk.staff)
            #expect(receipt.coverageOutcome == .confirmed)
            #expect(desk.fake.loginCount == 2)
        }
    }

    @Test func everyLookupCarriesTheStaffMemberAndTheTokenInTheQuery() async throws {
        try await LoopbackDesk.with { desk in
            let reading = try LoopbackDesk.reading()
            try desk.enrol(reading)
            _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
            let checks = desk.fake.requests.filter { $0.path == "/api/egw/KQNhanLichSuKCB2024" }
            #expect(checks.count == 1)
            let body = String(decoding: try #require(checks.first).body, as: UTF8.self)
            #expect(body.contains(#""hoTenCb":"Trần Thị Lễ Tân","cccdCb":"001185000001""#))
            #expect(checks.first?.query.map(\.name) == ["token", "id_token", "username", "password"])
        }
    }

    @Test func thePortalDownThenBackLeavesAVisitToReverify() async throws {
        // A refused connection waited out would cost two calls' limit (240 s) before the breaker
        // opens; answered at once, the three check-ins take a fraction of a second, or some
        // seconds on a machine busy with other tests: 60 s tells the two apart.
        let breaker = PortalBreakerPolicy(failureThreshold: 2, openFor: .seconds(60))
        try await LoopbackDesk.with(breaker: breaker, perCall: .seconds(120)) { desk in
            let reading = try LoopbackDesk.reading()
            try desk.enrol(reading)
            _ = try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff)
            try await desk.fake.stop()
            var offline: [CheckInReceipt] = []
            let started = ContinuousClock.now
            for _ in 0..<3 {
                desk.clock.advance(by: 86_400)
                offline.append(try await desk.reception.checkIn(reading, for: VisitRequest(), by: desk.staff))
            }
            let waited = ContinuousClock.now - started
            #expect(waited < .seconds(60), "a refused connection is not waited out: \(waited)")
            #expect(offline.allSatisfy { $0.visit.needsCoverageReverification })
            #expect(desk.portal.breaker.isOpen(at: desk.clock.now), "two failures open the breaker")

            try await desk.fake.start(port: desk.port)
            desk.clock.advance(by: 61)
            var queue = ReverificationQueue()
            try await queue.catchUp(with: desk.store, for: desk.access)
            #expect(queue.count == Set(offline.map(\.visit.id)).count)
            let reverifier = CoverageReverifier(store: desk.store, verifier: desk.reception.verifier, staff: desk.staff)
            let results = await reverifier.run(&queue, at: desk.clock.now)
            #expect(!results.isEmpty)
            #expect(results.allSatisfy { if case .resolved(_, .confirmed) = $0 { true } else { false } }, "\(results)")
            #expect(queue.isEmpty)
            #expect(!desk.portal.breaker.isOpen(at: desk.clock.now))
        }
    }

    @Test func theVisitHistoryIsAskedWithAFormAndAJSONBodyIsRefused() async throws {
        try await LoopbackDesk.with { desk in
            let reading = try LoopbackDesk.reading()
            try desk.enrol(reading)
            let visit = PortalVisitHistory.Visit(
                recordNumber: "HS1",
                facility: "79001",
                admitted: "202602010800",
                discharged: "202602031000",
                diagnosis: "Sốt xuất huyết"
            )
            desk.fake.recordVisit(visit, for: try SocialInsuranceNumber("0123456789"))
            let history = try await desk.portal.visitHistory(try PortalFixtures.query(Self.oldCode).with(reading))
            #expect(history.result == .valid)
            #expect(history.visits == [visit])

            var asJSON = try #require(desk.fake.requests.last { $0.path == "/api/egw/Lskcb2025" })
            asJSON.headers = [.init("Content-Type", "application/json")]
            asJSON.body = Data(PortalRequests.json(PortalRequests.lookupFields(try PortalFixtures.query())).utf8)
            let refused = try await HTTPClientPortalTransport().send(
                asJSON,
                baseURL: "http://127.0.0.1:\(desk.port)",
                timeout: .seconds(2)
            )
            #expect(PortalVisitHistory(body: refused.body)?.result == .parameterFormatError)
        }
    }
}

extension PortalQuery {
    /// The query with the reading's holder.
    func with(_ reading: CardReading) -> PortalQuery {
        PortalQuery(cardNumber: cardNumber, fullName: reading.name, dateOfBirth: reading.dateOfBirth, staff: staff)
    }
}

@Suite("The co-payment lookup over HTTP on loopback")
struct LoopbackCoPaymentTests {
    @Test func theRequestCarriesTheTokenInHeaders() throws {
        let request = PortalRequests.coPayment(
            try PortalFixtures.query(),
            token: PortalFixtures.token,
            account: PortalFixtures.account,
            paths: .decision4750
        )
        #expect(request.method == "POST")
        #expect(request.target == "/api/TraCuuCCT/TraCuuTienMCCT")
        #expect(
            request.headers == [
                .init("Content-Type", "application/json; charset=utf-8"), .init("Accept", "application/json"),
                .init("accessToken", "T K"), .init("tokenId", "I/D"),
                .init("passwordHash", PortalFixtures.secretHash),
            ]
        )
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"username":"01001_BV","maThe":"DN4010123456789","hoTen":"Nguyễn Văn A","ngaySinh":"01/01/1990"}"#
        )
    }

    @Test func theCumulativeCoPaymentIsRead() async throws {
        try await LoopbackDesk.with { desk in
            let none = try await desk.portal.coPayment(try PortalFixtures.query())
            #expect(none.result == "204" && none.entries.isEmpty)
            for (paid, total) in [("150000", "150000"), ("250000.0", "400000")] {
                desk.fake.recordCoPayment(
                    PortalCoPayment.Entry(
                        facility: "01001",
                        admitted: "202601050800",
                        discharged: "202601051000",
                        coPayment: paid,
                        cumulative: total
                    ),
                    for: try SocialInsuranceNumber("0123456789")
                )
            }
            let answer = try await desk.portal.coPayment(try PortalFixtures.query())
            #expect(answer.result == "200")
            #expect(answer.entries.count == 2)
            #expect(answer.cumulativeCoPayment == 400_000)
        }
    }
}
