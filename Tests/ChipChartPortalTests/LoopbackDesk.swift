import ChipChart
import ChipChartPortal
import ChipChartPortalTesting
import ChipChartTesting
import Foundation

/// A reception desk whose insurer is the fake portal over HTTP on loopback, on a simulated clock.
struct LoopbackDesk {
    let clock: SimulatedClock
    let store: any RecordStore
    let insurer: SimulatedInsurancePortal
    let fake: FakeInsurerPortal
    let portal: HTTPInsurancePortal
    let reception: Reception
    let staff: Staff
    let port: Int

    /// Runs `body` with a desk, the fake serving on a free port, and stops the fake after.
    static func with(
        breaker: PortalBreakerPolicy = PortalBreakerPolicy(),
        perCall: Duration = .seconds(10),
        _ body: (LoopbackDesk) async throws -> Void
    ) async throws {
        let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
        let insurer = SimulatedInsurancePortal(clock: clock)
        let staff = try PortalFixtures.staff()
        insurer.apply(.registerStaff(staff))
        let fake = FakeInsurerPortal(simulator: insurer, accounts: [PortalFixtures.account])
        let port = try await fake.start()
        let portal = HTTPInsurancePortal(
            configuration: PortalConfiguration(
                baseURL: "http://127.0.0.1:\(port)",
                account: PortalFixtures.account,
                timeLimits: PortalTimeLimits(perCall: perCall),
                retry: PortalRetryPolicy(attempts: 4, firstBackoff: .milliseconds(100)),
                breaker: breaker
            ),
            now: { clock.now }
        )
        let store = InMemoryStore(now: { clock.now })
        let reception = Reception(
            store: store,
            portal: portal,
            configuration: Reception.Configuration(facility: try FacilityCode("01001"), portalTimeout: .seconds(120)),
            now: { clock.now }
        )
        let desk = LoopbackDesk(
            clock: clock,
            store: store,
            insurer: insurer,
            fake: fake,
            portal: portal,
            reception: reception,
            staff: staff,
            port: port
        )
        do {
            try await body(desk)
        } catch {
            try? await fake.stop()
            throw error
        }
        try await fake.stop()
    }

    static func reading() throws -> CardReading {
        CardReading(
            source: .qr,
            personalID: try PersonalID("001099012345"),
            legacyID: nil,
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: "01011999"),
            sex: .male,
            address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
            issueDate: try CalendarDate(parsing: "15042021")
        )
    }

    /// Enrols the reading's holder on `DN4010123456789`, valid all of 2026.
    func enrol(_ reading: CardReading) throws {
        insurer.apply(
            .enrol(
                SimulatedInsurancePortal.Holder(
                    name: reading.name,
                    dateOfBirth: reading.dateOfBirth,
                    sex: reading.sex,
                    personalID: reading.personalID!
                ),
                try Self.card("DN4010123456789", from: try CalendarDate(year: 2026, month: 1, day: 1))
            )
        )
    }

    static func card(_ code: String, from start: CalendarDate) throws -> SimulatedInsurancePortal.Card {
        SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode(code),
            validity: try DatePeriod(start: start, end: try CalendarDate(year: 2026, month: 12, day: 31)),
            registeredFacility: try FacilityCode("01001")
        )
    }

    var access: Access { Access(by: staff, purpose: "test") }
}
