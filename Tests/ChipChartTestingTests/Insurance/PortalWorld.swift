import ChipChart
import ChipChartTesting
import Foundation

/// The simulated insurer on a simulated clock, loaded from a scenario: one registered
/// receptionist and one holder enrolled on a card valid all of 2026.
struct PortalWorld {
    static let scenario = """
        {"staff": [{"name": "Trần Thị Lễ Tân", "personalID": "001185000001"}],
         "people": [{"name": "Nguyễn Văn A", "dateOfBirth": "01/01/1990", "sex": "Nam",
           "personalID": "001090012345",
           "card": {"code": "DN4010123456789", "validFrom": "01/01/2026", "validTo": "31/12/2026",
                    "registeredFacility": "01001"}}]}
        """

    let clock = SimulatedClock(start: at(2026, 3, 2, hour: 8))
    let portal: SimulatedInsurancePortal
    /// The holder's personal ID and social insurance number.
    let personalID: PersonalID
    let number: SocialInsuranceNumber

    init() throws {
        portal = SimulatedInsurancePortal(clock: clock)
        try portal.load(scenario: Data(Self.scenario.utf8))
        personalID = try PersonalID("001090012345")
        number = try SocialInsuranceNumber("0123456789")
    }

    /// The receptionist's lookup of the holder by `cardNumber`.
    func query(_ cardNumber: PortalQuery.CardNumber) throws -> PortalQuery {
        PortalQuery(
            cardNumber: cardNumber,
            fullName: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: "01/01/1990"),
            staff: Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        )
    }
}

func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
    try CalendarDate(year: year, month: month, day: day)
}

func at(_ year: Int, _ month: Int, _ dayOfMonth: Int, hour: Int) -> Date {
    (try? day(year, month, dayOfMonth)).map { VietnamTime.instant($0, hour: hour) } ?? .distantPast
}
