import ChipChart
import ChipChartClaims
import ChipChartTesting
import Foundation

/// N closed outpatient visits of synthetic people, made one at a time as they are read (like
/// rows of a store query), each with an examination, two drugs and a supply.
struct SyntheticVisits: AsyncSequence, Sendable {
    typealias Element = ClaimInput

    static let day = SyntheticPopulation.defaultReferenceDate

    let count: Int
    let facility: FacilityCode
    let lines: [LineItem]
    let population = SyntheticPopulation(seed: 130)

    init(count: Int) throws {
        self.count = count
        self.facility = try FacilityCode("01001")
        self.lines = [
            try LineItem(
                kind: .service,
                code: "02.1896",
                name: "Khám Nội",
                quantity: 1,
                unitPrice: Money(dong: 50_600),
                insurancePrice: Money(dong: 50_600)
            ),
            try LineItem(
                kind: .drug,
                code: "40.17",
                name: "Paracetamol 500mg",
                quantity: 10,
                unitPrice: Money(minorUnits: 150_050),
                insurancePrice: Money(minorUnits: 123_457)
            ),
            try LineItem(
                kind: .drug,
                code: "40.95",
                name: "Amoxicillin 500mg",
                quantity: 14,
                unitPrice: Money(dong: 2_350),
                insurancePrice: Money(dong: 2_350),
                paymentRatePercent: 50
            ),
            try LineItem(
                kind: .supply,
                code: "N03.05",
                name: "Bơm tiêm 5ml",
                quantity: 1,
                unitPrice: Money(dong: 3_000),
                insurancePrice: Money(dong: 3_000)
            ),
        ]
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let visits: SyntheticVisits
        var index = 0

        mutating func next() async throws -> ClaimInput? {
            guard index < visits.count else { return nil }
            defer { index += 1 }
            let person = try visits.population.person(at: index)
            let card =
                try person.insuranceCard ?? InsuranceCardCode("GD401" + person.reading.personalID.digits.suffix(10))
            var patient = Patient(
                id: PatientID(SyntheticVisits.uuid(index)),
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: person.reading.address
                )
            )
            patient.addIdentifier(.personalID(person.reading.personalID))
            patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN\(100_000_000 + index)"))
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: card,
                registeredFacility: visits.facility,
                validity: person.cardValidity
            )
            // Visits spread over the working day from 06:00, one every 0.3 s.
            let admitted = VietnamTime.instant(SyntheticVisits.day, hour: 6).addingTimeInterval(Double(index) * 0.3)
            let visit = try Visit(
                key: "01001.\(SyntheticVisits.day.compact).\(index)",
                patientID: patient.id,
                facility: visits.facility,
                admittedAt: admitted,
                dischargedAt: admitted.addingTimeInterval(5400),
                diagnoses: [try ICD10Code("J06.9"), try ICD10Code("R50.9")],
                appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)],
                lineItems: visits.lines,
                status: .closed
            )
            return ClaimInput(patient: patient, visit: visit)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(visits: self) }

    /// A UUID made from an index, so every run writes the same bytes.
    static func uuid(_ index: Int) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for shift in 0..<8 { bytes[15 - shift] = UInt8(truncatingIfNeeded: index >> (shift * 8)) }
        bytes[6] = 0x40
        bytes[8] = 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}
