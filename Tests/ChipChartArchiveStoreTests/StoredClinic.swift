import ChipChart
import ChipChartArchive
import ChipChartTesting
import Foundation

/// A small clinic with the cases a store must keep across releases: a replaced insurance card, a
/// patient registered years ago by the old CMND alone, two records merged, a visit opened while
/// the insurer was unreachable, open and closed visits. Built once to write the golden files in
/// `Fixtures/`; the files, not this code, are what later releases must read.
enum StoredClinic {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func day(_ month: Int, _ day: Int, hour: Int = 8) throws -> Date {
        VietnamTime.instant(try CalendarDate(year: 2026, month: month, day: day), hour: hour)
    }

    static func reading(_ id: String, _ legacy: String?, _ name: String, _ born: String) throws -> CardReading {
        CardReading(
            source: .qr,
            personalID: try PersonalID(id),
            legacyID: try legacy.map { try LegacyIDNumber($0) },
            name: try PersonName(name),
            dateOfBirth: try DateOfBirth(parsing: born),
            sex: try PersonalID(id).sex,
            address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
            issueDate: try CalendarDate(year: 2021, month: 4, day: 15)
        )
    }

    static func card(
        _ code: String,
        from start: CalendarDate,
        to end: CalendarDate
    ) throws
        -> SimulatedInsurancePortal.Card
    {
        SimulatedInsurancePortal.Card(
            code: try InsuranceCardCode(code),
            validity: try DatePeriod(start: start, end: end),
            registeredFacility: try FacilityCode("01001")
        )
    }

    /// The clinic, in an in-memory store.
    static func build() async throws -> InMemoryStore {
        let clock = SimulatedClock(start: try day(1, 5))
        let store = InMemoryStore(now: { clock.now })
        let portal = SimulatedInsurancePortal(clock: clock)
        let staff = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        let doctor = Staff(
            name: try PersonName("Lê Văn Bác Sĩ"),
            personalID: try PersonalID("001080000007"),
            role: .physician
        )
        portal.apply(.registerStaff(staff))
        let reception = Reception(
            store: store,
            portal: portal,
            configuration: Reception.Configuration(facility: try FacilityCode("01001"), portalTimeout: .seconds(2)),
            now: { clock.now }
        )
        let yearStart = try CalendarDate(year: 2026, month: 1, day: 1)
        let yearEnd = try CalendarDate(year: 2026, month: 12, day: 31)
        func enrol(_ reading: CardReading, _ code: String) throws {
            portal.apply(
                .enrol(
                    SimulatedInsurancePortal.Holder(
                        name: reading.name,
                        dateOfBirth: reading.dateOfBirth,
                        sex: reading.sex,
                        personalID: reading.personalID!
                    ),
                    try card(code, from: yearStart, to: yearEnd)
                )
            )
        }

        // A: checks in, is seen and discharged; later the card is replaced (004) and A returns.
        let a = try reading("001099012345", "012345678", "Nguyễn Văn A", "01011999")
        try enrol(a, "DN4010123456789")
        let first = try await reception.checkIn(a, for: VisitRequest(reason: "Sốt"), by: staff)
        var closed = first.visit
        closed.status = .closed
        closed.dischargedAt = try day(1, 5, hour: 11)
        closed.diagnoses = [try ICD10Code("J06.9")]
        var discharge = ChangeSet(Access(by: doctor, purpose: "discharge"))
        discharge.save(closed)
        try await store.commit(discharge)
        clock.set(try day(3, 12))
        portal.apply(
            .replaceCard(
                try SocialInsuranceNumber("0123456789"),
                with: try card("HC4010123456789", from: try CalendarDate(year: 2026, month: 3, day: 10), to: yearEnd),
                reason: .groupChange,
                oldStaysValid: true
            )
        )
        _ = try await reception.checkIn(a, for: VisitRequest(kind: .inpatient, reason: "Viêm phổi"), by: staff)

        // B: registered years ago under the old CMND alone; the chip card finds the record.
        var old = Patient(
            identifiers: [.legacyID(try LegacyIDNumber("025123456"), status: .active)],
            demographics: Demographics(name: try PersonName("Trần Thị Bình"), dateOfBirth: .year(1985), sex: .female)
        )
        old.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN-2009-0117"))
        var register = ChangeSet(Access(by: staff, purpose: "records migrated from the previous system"))
        register.save(old)
        try await store.commit(register)
        let b = try reading("001185004321", "025123456", "Trần Thị Bình", "12071985")
        try enrol(b, "HT3010987654321")
        _ = try await reception.checkIn(b, for: VisitRequest(), by: staff)

        // C registered twice — by passport, then by ID card — and the two records merged.
        let c = try reading("079090001234", nil, "Phạm Minh Châu", "03031990")
        clock.set(try day(4, 2))
        let byPassport = try await reception.checkIn(
            typed: .passport(
                try PassportNumber("C1234567"),
                name: c.name,
                dateOfBirth: c.dateOfBirth,
                sex: c.sex,
                nationality: "VNM"
            ),
            for: VisitRequest(),
            by: staff
        )
        clock.set(try day(4, 3))
        let byCard = try await reception.checkIn(c, for: VisitRequest(), by: staff)
        _ = try await reception.merge(byPassport.patient.id, into: byCard.patient.id, by: staff)

        // D: checked in while the insurer was unreachable.
        let d = try reading("001199000777", nil, "Đỗ Thị Duyên", "20101999")
        try enrol(d, "SV4019988776655")
        portal.apply(.goOffline)
        clock.set(try day(4, 6))
        _ = try await reception.checkIn(d, for: VisitRequest(), by: staff)
        portal.apply(.comeOnline)
        return store
    }

    /// Every record of a store in listing order, and its audit trail.
    static func records(of store: any ArchivableStore) async throws -> [ArchiveRecord] {
        try await ArchivableStoreConformance.allRecords(of: store)
    }
}
