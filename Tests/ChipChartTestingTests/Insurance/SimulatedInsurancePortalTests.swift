import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("SimulatedInsurancePortal checks queries as the real portal does")
struct SimulatedInsurancePortalTests {
    /// A wait no answer of the simulator comes near: an answer that is on its way comes first,
    /// however late a loaded machine wakes the waiting task.
    static let ample: Duration = .seconds(600)

    struct WireCase: Sendable, CustomStringConvertible {
        var name: String
        var maThe = "DN4010123456789"
        var hoTen = "Nguyễn Văn A"
        var ngaySinh = "01/01/1990"
        var hoTenCb = "Trần Thị Lễ Tân"
        var cccdCb = "001185000001"
        var expected: PortalResultCode

        var description: String { name }
    }

    static let wireCases: [WireCase] = [
        WireCase(name: "all correct", expected: .valid),
        WireCase(name: "year only", ngaySinh: "1990", expected: .valid),
        WireCase(name: "name without diacritics", hoTen: "NGUYEN VAN A", expected: .valid),
        WireCase(name: "by social insurance number", maThe: "0123456789", expected: .valid),
        WireCase(name: "by personal ID", maThe: "001090012345", expected: .valid),
        WireCase(name: "birth date malformed", ngaySinh: "1990-01-01", expected: .parameterFormatError),
        WireCase(name: "name missing", hoTen: " ", expected: .parameterFormatError),
        WireCase(name: "staff ID missing", cccdCb: "", expected: .parameterFormatError),
        WireCase(name: "staff not registered", cccdCb: "001185000002", expected: .staffNotRegistered),
        WireCase(name: "staff name wrong", hoTenCb: "Lê Văn Khác", expected: .staffNameMismatch),
        WireCase(name: "code too short", maThe: "DN40101234567", expected: .wrongCardCode),
        WireCase(name: "unknown group", maThe: "ZZ4010123456789", expected: .wrongCardCode),
        WireCase(name: "province digits", maThe: "DN4030123456789", expected: .wrongProvince),
        WireCase(name: "benefit digit", maThe: "DN1010123456789", expected: .wrongBenefitLevel),
        WireCase(name: "code of another card of the person", maThe: "HC4010123456789", expected: .wrongCardCode),
        WireCase(name: "unknown number", maThe: "0000000001", expected: .noCard),
        WireCase(name: "unknown personal ID", maThe: "001090099999", expected: .noCard),
        WireCase(name: "wrong name", hoTen: "Lê Văn A", expected: .wrongName),
        WireCase(name: "wrong name, first letter right", hoTen: "Nguyễn Văn B", expected: .wrongNameFirstLetterRight),
        WireCase(name: "wrong birth date", ngaySinh: "02/01/1990", expected: .wrongDateOfBirth),
        WireCase(name: "wrong birth year", ngaySinh: "1991", expected: .wrongDateOfBirth),
    ]

    @Test(arguments: wireCases)
    func wire(_ example: WireCase) async throws {
        let world = try PortalWorld()
        let answer = world.portal.answer(
            maThe: example.maThe,
            hoTen: example.hoTen,
            ngaySinh: example.ngaySinh,
            hoTenCb: example.hoTenCb,
            cccdCb: example.cccdCb
        )
        #expect(answer.result == example.expected)
        #expect(answer.rawFields["maKetQua"] == example.expected.rawValue)
        if example.expected == .valid {
            #expect(answer.card?.code.value == "DN4010123456789")
            #expect(answer.rawFields["gtTheDen"] == "31/12/2026")
        } else {
            #expect(answer.card == nil)
        }
    }

    @Test("A failed login answers 401 before anything else")
    func authentication() async throws {
        let world = try PortalWorld()
        world.portal.apply(.failAuthentication(true))
        let answer = try await world.portal.verify(try world.query(.socialInsuranceNumber(world.number)))
        #expect(answer.result == .authenticationError)
        let check = await CoverageVerifier(portal: world.portal, timeout: Self.ample).check(
            try world.query(.socialInsuranceNumber(world.number)),
            coverages: [],
            patient: PatientID(),
            at: world.clock.now
        )
        #expect(check.outcome == .facilityError(.authenticationError))
        #expect(!check.outcome.isPatientProblem)
        #expect(check.needsReverification)
    }

    @Test("A replacement answers 003/004 with the new card's fields, by the old code only")
    func replacementFields() async throws {
        let world = try PortalWorld()
        let hc = SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode("HC4010123456789"),
            validity: try DatePeriod(start: day(2026, 3, 10), end: day(2026, 12, 31)),
            registeredFacility: try FacilityCode("01002")
        )
        world.portal.apply(.replaceCard(world.number, with: hc, reason: .facilityChange, oldStaysValid: true))
        world.clock.set(at(2026, 3, 12, hour: 9))
        let byOld = try await world.portal.verify(try world.query(.cardCode(try InsuranceCardCode("DN4010123456789"))))
        #expect(byOld.result == .replacedOldStillValid)
        #expect(byOld.newCard?.code == hc.code)
        #expect(byOld.rawFields["maTheMoi"] == "HC4010123456789")
        #expect(byOld.rawFields["gtTheTuMoi"] == "10/03/2026")
        #expect(byOld.rawFields["maDKBDMoi"] == "01002")
        let byNumber = try await world.portal.verify(try world.query(.socialInsuranceNumber(world.number)))
        #expect(byNumber.result == .valid)
        #expect(byNumber.card?.code == hc.code)

        // Once the old card's own validity is over, the same lookup answers 003.
        world.clock.set(at(2027, 1, 2, hour: 9))
        let later = try await world.portal.verify(try world.query(.cardCode(try InsuranceCardCode("DN4010123456789"))))
        #expect(later.result == .replacedOldExpired)
    }

    @Test("Scheduled events happen when the clock reaches them")
    func scheduled() async throws {
        let world = try PortalWorld()
        world.portal.schedule(.revoke(world.number), at: at(2026, 3, 3, hour: 0))
        let query = try world.query(.personalID(world.personalID))
        #expect(try await world.portal.verify(query).result == .valid)
        world.clock.set(at(2026, 3, 3, hour: 8))
        #expect(try await world.portal.verify(query).result == .revoked)
    }

    @Test("Offline throws PortalUnavailable; a slow answer runs into the caller's timeout")
    func network() async throws {
        let world = try PortalWorld()
        let query = try world.query(.personalID(world.personalID))
        world.portal.apply(.goOffline)
        await #expect(throws: PortalUnavailable.self) { try await world.portal.verify(query) }

        world.portal.apply(.answerSlowly(.seconds(120)))
        let started = ContinuousClock.now
        let check = await CoverageVerifier(portal: world.portal, timeout: .milliseconds(100)).check(
            query,
            coverages: [],
            patient: PatientID(),
            at: world.clock.now
        )
        // The order, not a small limit: the wait ended before the portal's answer at 120 s (a
        // wait for the answer would have taken at least that long), however loaded the machine.
        #expect(ContinuousClock.now - started < .seconds(120), "abandoned before the portal answered")
        guard case .portalUnavailable = check.outcome else {
            Issue.record("expected a timeout, got \(check.outcome)")
            return
        }

        world.portal.apply(.answerSlowly(.milliseconds(20)))
        let slowButInTime = await CoverageVerifier(portal: world.portal, timeout: Self.ample).check(
            query,
            coverages: [],
            patient: PatientID(),
            at: world.clock.now
        )
        #expect(slowButInTime.outcome == .confirmed)
        #expect(world.portal.lookupCount == 3)
    }
}
