import ChipChart
import ChipChartTesting
import Foundation
import Testing

@Suite("Scenario files for the simulated portal")
struct PortalScenarioFileTests {
    static let exampleFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/scenarios/card-replacement.json")

    func query(_ number: String, _ name: String, _ birth: String) throws -> PortalQuery {
        PortalQuery(
            cardNumber: .socialInsuranceNumber(try SocialInsuranceNumber(number)),
            fullName: try PersonName(name),
            dateOfBirth: try DateOfBirth(parsing: birth),
            staff: Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        )
    }

    @Test("The example scenario plays out by the clock")
    func example() async throws {
        let clock = SimulatedClock(start: at(2026, 3, 2, hour: 8))
        let portal = SimulatedInsurancePortal(clock: clock)
        try portal.load(scenarioFile: Self.exampleFile)

        let nguyen = try query("0123456789", "Nguyễn Văn A", "01/01/1990")
        let le = try query("0987654321", "Lê Thị Bình", "1958")
        let pham = try query("0010000000", "Phạm Quốc Cường", "15/06/1985")
        #expect(try await portal.verify(nguyen).card?.code.value == "DN4010123456789")
        #expect(try await portal.verify(le).result == .valid)
        #expect(try await portal.verify(le).card?.fiveYearDate == (try day(2021, 1, 1)))
        #expect(try await portal.verify(pham).result == .noCard)
        let byCode = PortalQuery(
            cardNumber: .cardCode(try InsuranceCardCode("QN5010000000555")),
            fullName: try PersonName("Phạm Quốc Cường"),
            dateOfBirth: try DateOfBirth(parsing: "15/06/1985"),
            staff: nguyen.staff
        )
        #expect(try await portal.verify(byCode).result == .managedByDefence)

        clock.set(at(2026, 3, 12, hour: 10))
        #expect(try await portal.verify(nguyen).card?.code.value == "HC4010123456789")
        #expect(try await portal.verify(le).result == .revoked)

        clock.set(at(2026, 3, 13, hour: 8))
        await #expect(throws: PortalUnavailable.self) { try await portal.verify(nguyen) }
        clock.set(at(2026, 3, 13, hour: 11))
        #expect(try await portal.verify(nguyen).result == .valid)
    }

    @Test("A bad value names its field")
    func badValue() throws {
        let portal = SimulatedInsurancePortal(clock: SimulatedClock(start: at(2026, 3, 2, hour: 8)))
        let json = """
            {"people": [{"name": "Nguyễn Văn A", "dateOfBirth": "01/01/1990",
              "card": {"code": "DN1010123456789", "validFrom": "01/01/2026", "validTo": "31/12/2026"}}]}
            """
        #expect {
            try portal.load(scenario: Data(json.utf8))
        } throws: { error in
            (error as? ValidationError)?.field == "scenario.people[0].card.code.benefitLevel"
        }
        let unknown = #"{"events": [{"action": "explode"}]}"#
        #expect {
            try portal.load(scenario: Data(unknown.utf8))
        } throws: { error in
            (error as? ValidationError)?.field == "scenario.events[0].action"
        }
    }
}
