import ChipChart
import ChipChartTesting
import Foundation
import Testing

/// A small insurer, store and desk for the card-replacement scenarios.
struct InsuranceWorld {
    let clock: SimulatedClock
    let portal: SimulatedInsurancePortal
    let store: InMemoryStore
    let receptionist: Staff
    let facility: FacilityCode
    let holder: SimulatedInsurancePortal.Holder
    let personalID: PersonalID
    let number: SocialInsuranceNumber
    let patient: Patient

    static let year2026 = try! DatePeriod(start: day(2026, 1, 1), end: day(2026, 12, 31))

    init(
        start: Date = at(2026, 3, 2, hour: 8),
        card: String = "DN4010123456789",
        validity: DatePeriod = year2026
    ) async throws {
        clock = SimulatedClock(start: start)
        portal = SimulatedInsurancePortal(clock: clock)
        let clock = self.clock
        store = InMemoryStore(now: { clock.now })
        receptionist = Staff(name: try PersonName("Trần Thị Lễ Tân"), personalID: try PersonalID("001185000001"))
        facility = try FacilityCode("01001")
        personalID = try PersonalID("001090012345")
        holder = SimulatedInsurancePortal.Holder(
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: .full(try day(1990, 1, 1)),
            sex: .male,
            personalID: personalID
        )
        let code = try InsuranceCardCode(card)
        number = code.socialInsuranceNumber
        portal.apply(.registerStaff(receptionist))
        portal.apply(
            .enrol(holder, SimulatedInsurancePortal.Card(code: code, validity: validity, registeredFacility: facility))
        )
        var patient = Patient(
            demographics: Demographics(name: holder.name, dateOfBirth: holder.dateOfBirth, sex: .male)
        )
        patient.addIdentifier(.personalID(personalID))
        var changes = ChangeSet(Access(by: receptionist, purpose: "registration"))
        changes.save(patient)
        self.patient = try await store.commit(changes).patients[0]
    }

    var access: Access { Access(by: receptionist, purpose: "check-in") }

    func verifier(timeout: Duration = .seconds(5), portal: (any InsurancePortal)? = nil) -> CoverageVerifier {
        CoverageVerifier(portal: portal ?? self.portal, timeout: timeout)
    }

    func query(
        _ cardNumber: PortalQuery.CardNumber,
        name: String? = nil,
        birth: DateOfBirth? = nil
    ) throws -> PortalQuery {
        PortalQuery(
            cardNumber: cardNumber,
            fullName: try name.map { try PersonName($0) } ?? holder.name,
            dateOfBirth: birth ?? holder.dateOfBirth,
            staff: receptionist
        )
    }

    func coverages() async throws -> [Coverage] { await store.coverages(ofPatient: patient.id, for: access) }

    func visit(_ id: VisitID) async throws -> Visit? { await store.visit(id, for: access) }

    /// What a reception desk does: read, ask the portal, open the visit, commit once; on a
    /// version conflict read again and retry.
    func checkIn(
        _ cardNumber: PortalQuery.CardNumber,
        kind: VisitKind = .outpatient,
        key: String,
        timeout: Duration = .seconds(5),
        name: String? = nil,
        birth: DateOfBirth? = nil,
        portal: (any InsurancePortal)? = nil
    ) async throws -> CheckInResult {
        var conflicts = 0
        while true {
            let coverages = try await coverages()
            let instant = clock.now
            let check = await verifier(timeout: timeout, portal: portal).check(
                try query(cardNumber, name: name, birth: birth),
                coverages: coverages,
                patient: patient.id,
                at: instant
            )
            var visit = try Visit(key: key, patientID: patient.id, facility: facility, kind: kind, admittedAt: instant)
            visit.apply(check)
            var changes = ChangeSet(access)
            check.save(into: &changes)
            changes.save(visit)
            do {
                let receipt = try await store.commit(changes)
                return CheckInResult(check: check, visit: receipt.visits[0], conflicts: conflicts)
            } catch let error as StoreError where error.code == .versionConflict && conflicts < 3 {
                conflicts += 1
            }
        }
    }
}

struct CheckInResult: Sendable {
    var check: CoverageCheck
    var visit: Visit
    var conflicts: Int
}

func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
    try CalendarDate(year: year, month: month, day: day)
}

func at(_ year: Int, _ month: Int, _ dayOfMonth: Int, hour: Int, minute: Int = 0) -> Date {
    VietnamTime.instant(try! day(year, month, dayOfMonth), hour: hour, minute: minute)
}

func card(
    _ code: String,
    from start: CalendarDate,
    to end: CalendarDate,
    facility: String = "01001"
) throws
    -> SimulatedInsurancePortal.Card
{
    SimulatedInsurancePortal.Card(
        code: try InsuranceCardCode(code),
        validity: try DatePeriod(start: start, end: end),
        registeredFacility: try FacilityCode(facility)
    )
}

/// Holds the first `parties` lookups until all of them have arrived, then lets every lookup
/// through: two desks at the same moment, made deterministic.
final class BarrierPortal: InsurancePortal, Sendable {
    private let wrapped: any InsurancePortal
    private let barrier: Barrier

    init(_ wrapped: any InsurancePortal, parties: Int) {
        self.wrapped = wrapped
        self.barrier = Barrier(parties: parties)
    }

    func verify(_ query: PortalQuery) async throws -> PortalAnswer {
        await barrier.arrive()
        return try await wrapped.verify(query)
    }
}

actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        guard arrived < parties else {
            for waiter in waiting { waiter.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
