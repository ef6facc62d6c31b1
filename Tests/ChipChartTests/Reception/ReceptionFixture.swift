import ChipChart
import ChipChartTesting
import Foundation

/// A desk, an in-memory store and the simulated insurer on a simulated clock.
struct ReceptionFixture {
    let clock: SimulatedClock
    let store: any RecordStore
    let portal: SimulatedInsurancePortal
    let reception: Reception
    let staff: Staff
    let facility: FacilityCode

    init(repeatScanWindow: Duration = .seconds(600)) throws {
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        self.clock = clock
        store = InMemoryStore(now: { clock.now })
        portal = SimulatedInsurancePortal(clock: clock)
        staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        facility = try FacilityCode("01001")
        portal.apply(.registerStaff(staff))
        reception = Reception(
            store: store,
            portal: portal,
            configuration: Reception.Configuration(
                facility: facility,
                repeatScanWindow: repeatScanWindow,
                portalTimeout: .milliseconds(200)
            ),
            now: { clock.now }
        )
    }

    static func reading(
        id: String = "001099012345",
        legacy: String? = "012345678",
        name: String = "Nguyễn Văn A",
        born: String = "01011999",
        sex: Sex = .male,
        issued: String = "15042021"
    ) throws -> CardReading {
        CardReading(
            source: .qr,
            personalID: try PersonalID(id),
            legacyID: try legacy.map { try LegacyIDNumber($0) },
            name: try PersonName(name),
            dateOfBirth: try DateOfBirth(parsing: born),
            sex: sex,
            address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
            issueDate: try CalendarDate(parsing: issued)
        )
    }

    /// Enrols the reading's holder with the insurer, on a card valid all of 2026.
    func enrol(_ reading: CardReading, card: String = "DN4010123456789", facility: String = "01001") throws {
        portal.apply(
            .enrol(
                SimulatedInsurancePortal.Holder(
                    name: reading.name,
                    dateOfBirth: reading.dateOfBirth,
                    sex: reading.sex,
                    personalID: reading.personalID!
                ),
                SimulatedInsurancePortal.Card(
                    code: try InsuranceCardCode(card),
                    validity: try DatePeriod(
                        start: try CalendarDate(year: 2026, month: 1, day: 1),
                        end: try CalendarDate(year: 2026, month: 12, day: 31)
                    ),
                    registeredFacility: try FacilityCode(facility)
                )
            )
        )
    }

    var access: Access { Access(by: staff, purpose: "test") }

    func patient(_ id: String) async throws -> Patient? {
        try await store.patient(identifiedBy: .personalID(try PersonalID(id)), for: access)
    }
}
