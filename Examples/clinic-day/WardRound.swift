import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation

/// The ward round, late in the morning: a doctor sends home, through ``Charting``, every
/// inpatient stay admitted on an earlier day whose planned length has passed — one to three
/// nights, drawn for each stay — billing a bed-day for each night after the first (the first was
/// ordered at the admission). The stays admitted that day, and the longer ones, stay open.
struct WardRound: Sendable {
    let clinic: Clinic
    let seed: UInt64

    /// What the round did.
    struct Outcome: Sendable {
        /// The stays sent home, as closed.
        var discharged: [Visit] = []
        /// The stays from earlier days still in a ward after the round.
        var stillOpen = 0
    }

    /// The longest planned stay, in nights.
    static let longestStay = 3

    /// Half past ten: the round's discharges are written then.
    var time: Date { VietnamTime.instant(clinic.day, hour: 10, minute: 30) }

    /// Sends home the stays whose time has come; the stays are listed once (one audited listing)
    /// and each is read and discharged under the doctor's name.
    func run() async throws -> Outcome {
        let doctor = try ClinicStaff().doctor
        let charting = Charting(store: clinic.store, catalogue: try SampleCatalogue.load(), now: { clinic.clock.now })
        clinic.clock.advance(to: time)
        let leaving = clinic.clock.now
        var outcome = Outcome()
        for id in try await openStaysFromEarlierDays(by: doctor) {
            guard let stay = try await charting.visit(id, by: doctor), stay.status == .open else { continue }
            let nights = CalendarDate(containing: stay.admittedAt).days(until: clinic.day)
            guard nights >= plannedNights(of: stay) else {
                outcome.stillOpen += 1
                continue
            }
            let bed = stay.chart.departments.last.flatMap { entry in
                Scenario.all.first { $0.ward.department == entry.content.department }?.ward.bed
            }
            let discharge = try Discharge(outcome: nights > 1 ? .cured : .improved)
            let closed = try await charting.chart(stay, by: doctor, at: leaving) { session in
                if let bed, nights > 1 { try session.order(bed, quantity: Decimal(nights - 1)) }
                try session.discharge(discharge)
            }
            outcome.discharged.append(closed)
        }
        return outcome
    }

    /// The planned length of a stay, one to ``longestStay`` nights, drawn from the seed and the
    /// stay's key so that every run on the file plans the same.
    func plannedNights(of stay: Visit) -> Int {
        var random = SeededRandom(seed: seed ^ 0x57A7 ^ stay.key.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) })
        return 1 + Int(random.next() % UInt64(Self.longestStay))
    }

    /// The open inpatient stays admitted since the first day and before today, listed from the
    /// store in one audited listing.
    private func openStaysFromEarlierDays(by doctor: Staff) async throws -> [VisitID] {
        let start = clinic.population.referenceDate.startInstant
        let end = clinic.day.startInstant
        try await clinic.store.recordExport(
            by: Access(by: doctor, purpose: "ward round"),
            detail: "open stays before \(clinic.day)"
        )
        var stays: [VisitID] = []
        var last: VisitID?
        while true {
            let page = try await clinic.store.visits(admittedFrom: start, until: end, after: last, limit: 500)
            stays += page.filter { $0.status == .open && $0.kind == .inpatient }.map(\.id)
            last = page.last?.id
            if page.count < 500 { return stays }
        }
    }
}
