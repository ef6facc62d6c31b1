import ChipChart
import ChipChartTesting
import Foundation

// A small clinic morning on the in-memory store: register synthetic patients from card
// readings, link their insurance cards, open visits, and check the audit trail.
// The full simulated day (SQLite file, insurer simulator, card readers) replaces this example.

let clock = SimulatedClock(start: VietnamTime.instant(try CalendarDate(year: 2026, month: 3, day: 2), hour: 7))
let store: any RecordStore = InMemoryStore(now: { clock.now })
let population = SyntheticPopulation(seed: 2026)
let receptionist = try population.staff(role: .receptionist)
let facility = try FacilityCode("01001")
let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 200

var opened = 0
for person in try population.people(count: count) {
    clock.advance(by: 20)
    let access = Access(by: receptionist, purpose: "check-in")
    var patient =
        try await store.patient(identifiedBy: .personalID(person.reading.personalID), for: access)
        ?? Patient(
            demographics: Demographics(
                name: person.reading.name,
                dateOfBirth: person.reading.dateOfBirth,
                sex: person.reading.sex,
                address: person.reading.address
            )
        )
    patient.addIdentifier(.personalID(person.reading.personalID))
    patient.recordCard(IDCardRecord(person.reading))
    var changes = ChangeSet(access)
    changes.save(patient)
    var applied: [Visit.AppliedCoverage] = []
    if let card = person.insuranceCard {
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: card,
            registeredFacility: facility,
            validity: person.cardValidity
        )
        changes.save(coverage)
        applied.append(Visit.AppliedCoverage(coverage, from: clock.now))
    }
    opened += 1
    changes.save(
        try Visit(
            key: "\(facility.value)-\(CalendarDate(containing: clock.now).compact)-\(opened)",
            patientID: patient.id,
            facility: facility,
            admittedAt: clock.now,
            appliedCoverages: applied
        )
    )
    try await store.commit(changes)
}

let verification = try await store.verifyAuditTrail()
print("clinic-day: \(opened) visits opened for \(count) synthetic patients at facility \(facility)")
print("audit trail: \(verification.eventCount) events, \(verification.isIntact ? "intact" : "BROKEN")")
if !verification.isIntact { exit(1) }
