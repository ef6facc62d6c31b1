import ChipCard
import ChipCardTesting
import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation
import Synchronization

/// The morning: check-ins from 06:00 to 10:00 at several desks, each through a card reader.
struct Morning: Sendable {
    let clinic: Clinic
    let checkIns: Int
    let desks: Int
    let seed: UInt64
    let showsProgress: Bool
    /// The insurer's portal over HTTP (`--portal-url`); the scripted simulator when `nil`.
    var portalOverHTTP: (any InsurancePortal)? = nil

    /// How a patient presents at the desk.
    enum Presentation: String, Sendable, CaseIterable {
        /// The QR code, scanned by a keyboard-wedge scanner.
        case qr
        /// The MRZ read by the document reader, then the chip over BAC.
        case chip
        /// The insurance card code typed by the receptionist.
        case typedCardCode
    }

    struct Arrival: Sendable {
        let index: Int
        let person: Int
        let at: Date
        let presentation: Presentation
    }

    func run() async throws -> Tally {
        let reception = Reception(
            store: clinic.store,
            portal: portalOverHTTP ?? clinic.portal,
            configuration: Reception.Configuration(facility: clinic.facility, portalTimeout: .milliseconds(500)),
            now: { [clock = clinic.clock] in clock.now }
        )
        let pki = try SimulatedPKI()
        let arrivals = try schedule()
        try Insurer.script(
            clinic.portal,
            population: clinic.population,
            people: Set(arrivals.map(\.person)).sorted(),
            day: clinic.day,
            staff: clinic.receptionists + [clinic.manager]
        )
        let next = Ticket()
        let progress = ProgressBar(total: arrivals.count, enabled: showsProgress)
        let started = ContinuousClock.now
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for desk in 0..<desks {
                let staff = clinic.receptionists[desk % clinic.receptionists.count]
                group.addTask {
                    var tally = Tally()
                    while true {
                        let position = next.take()
                        guard position < arrivals.count else { return tally }
                        let arrival = arrivals[position]
                        clinic.clock.advance(to: arrival.at)
                        let begin = ContinuousClock.now
                        let receipt = try await checkIn(arrival, at: reception, by: staff, pki: pki)
                        tally.record(
                            receipt,
                            arrival: arrival.index,
                            presentation: arrival.presentation,
                            latency: ContinuousClock.now - begin
                        )
                        progress.advance()
                    }
                }
            }
            return try await group.reduce(into: Tally()) { $0.merge($1) }
        }
        progress.finish()
        var tally = tallies
        tally.wallTime = ContinuousClock.now - started
        try await reverify(into: &tally, reception: reception)
        tally.wardRound = try await WardRound(clinic: clinic, seed: seed).run()
        tally.examinations = try await Closing(clinic: clinic, seed: seed).run(tally.opened)
        return tally
    }

    /// When each check-in happens, who it is, and how they present; a few people scan twice.
    private func schedule() throws -> [Arrival] {
        var random = SeededRandom(seed: seed ^ 0xC11_71C)
        let start = VietnamTime.instant(clinic.day, hour: 6)
        let spacing = 4 * 3600 / Double(checkIns)
        var arrivals: [Arrival] = []
        for index in 0..<checkIns {
            let repeatScan = index > 0 && random.next() % 50 == 0
            let person = repeatScan ? arrivals[index - 1].person : Int(random.next() % UInt64(clinic.size))
            let roll = random.next() % 100
            let presentation: Presentation = roll < 60 ? .qr : roll < 85 ? .chip : .typedCardCode
            arrivals.append(
                Arrival(
                    index: index,
                    person: person,
                    at: start.addingTimeInterval(Double(index) * spacing),
                    presentation: repeatScan ? arrivals[index - 1].presentation : presentation
                )
            )
        }
        return arrivals
    }

    private func checkIn(
        _ arrival: Arrival,
        at reception: Reception,
        by staff: Staff,
        pki: SimulatedPKI
    ) async throws
        -> CheckInReceipt
    {
        let person = try clinic.population.person(at: arrival.person)
        let request = VisitRequest(reason: "Khám bệnh")
        switch arrival.presentation {
        case .typedCardCode where person.insuranceCard != nil:
            guard let card = person.insuranceCard else { fallthrough }
            var typed = request
            typed.insuranceCard = card
            return try await reception.checkIn(person.reading, for: typed, by: staff)
        case .chip:
            let card = SimulatedCard(
                personalID: person.personalID,
                fullName: person.reading.name.text,
                dateOfBirth: person.reading.dateOfBirth.date ?? clinic.day,
                sex: person.reading.sex,
                issueDate: person.reading.issueDate ?? clinic.day,
                expiryDate: person.reading.expiryDate,
                address: person.reading.address ?? "",
                placeOfOrigin: "Hà Nội"
            )
            let chip = try SimulatedChip(card: card, pki: pki, seed: UInt64(arrival.index))
            let mrz = try MRZ(lines: card.mrzLines)
            let reader = ChipCardReader(transport: chip, key: try BACKey(mrz: mrz), trustAnchors: try pki.trustAnchors)
            return try await reception.checkIn(try await reader.read(), for: request, by: staff)
        default:
            let reader = QRCodeReader(lines: ScriptedLines([person.qrPayload]))
            return try await reception.checkIn(try await reader.read(), for: request, by: staff)
        }
    }

    /// After the morning: visits opened during the outage are checked again with the insurer.
    private func reverify(into tally: inout Tally, reception: Reception) async throws {
        guard let manager = clinic.receptionists.first else { return }
        var queue = ReverificationQueue()
        try await queue.catchUp(with: clinic.store, for: Access(by: manager, purpose: "re-verification"))
        tally.reverificationQueued = queue.count
        let reverifier = CoverageReverifier(store: clinic.store, verifier: reception.verifier, staff: manager)
        for result in await reverifier.run(&queue, at: clinic.clock.now) {
            if case .resolved = result { tally.reverificationResolved += 1 }
        }
        tally.reverificationPending = queue.count
    }
}

/// Hands out the next arrival to whichever desk is free.
final class Ticket: Sendable {
    private let counter = Atomic<Int>(0)

    func take() -> Int { counter.add(1, ordering: .relaxed).oldValue }
}
