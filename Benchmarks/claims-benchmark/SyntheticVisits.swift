import ChipChart
import ChipChartClaims
import ChipChartTesting
import Foundation

/// N closed outpatient visits of synthetic people, made one at a time as they are read (like
/// rows of a store query), each with an examination, two drugs and a supply, and a chart: two
/// results (XML4), a complaint and a treatment note (XML5) and a follow-up appointment (XML14);
/// every tenth visit a sick-leave certificate too (XML11).
struct SyntheticVisits: AsyncSequence, Sendable {
    typealias Element = ClaimInput

    static let day = SyntheticPopulation.defaultReferenceDate

    let count: Int
    let facility: FacilityCode
    let lines: [LineItem]
    let population = SyntheticPopulation(seed: 130)
    /// The chart every visit carries, and the one with a sick-leave certificate.
    let charts: (plain: VisitChart, withLeave: VisitChart)

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
        self.charts = try Self.charts()
    }

    /// The visits' charts, recorded by one doctor during the morning of the day.
    static func charts() throws -> (plain: VisitChart, withLeave: VisitChart) {
        let doctor = Staff(name: try PersonName("Đỗ Minh Bác Sĩ"), personalID: try PersonalID("001080000010"))
        let at = { (minute: Double) in VietnamTime.instant(day, hour: 7).addingTimeInterval(minute * 60) }
        var chart = VisitChart()
        chart.notes = [
            ChartEntry(try ClinicalNote(.complaint, "Sốt, ho hai ngày"), by: doctor, at: at(0)),
            ChartEntry(try ClinicalNote(.treatment, "Hạ sốt, kháng sinh uống"), by: doctor, at: at(60)),
        ]
        chart.results = try [("Bạch cầu (WBC)", "9.1", "G/L"), ("CRP", "12", "mg/L")].map { name, value, unit in
            let result = try ParaclinicalResult(
                serviceCode: "22.0121.1370",
                name: name,
                value: value,
                unit: unit,
                performer: doctor,
                performedAt: at(10),
                reportedAt: at(40)
            )
            return ChartEntry(result, by: doctor, at: at(40))
        }
        let followUp = Discharge.FollowUp(on: day.adding(days: 14))
        chart.discharge = ChartEntry(try Discharge(outcome: .improved, followUp: followUp), by: doctor, at: at(90))
        var withLeave = chart
        let leave = try Discharge.SickLeave(from: day, through: day.adding(days: 2))
        withLeave.discharge = ChartEntry(
            try Discharge(outcome: .improved, followUp: followUp, sickLeave: leave),
            by: doctor,
            at: at(90)
        )
        return (chart, withLeave)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let visits: SyntheticVisits
        var index = 0

        mutating func next() async throws -> ClaimInput? {
            guard index < visits.count else { return nil }
            defer { index += 1 }
            let person = try visits.population.person(at: index)
            let card =
                try person.insuranceCard ?? InsuranceCardCode("GD401" + person.personalID.digits.suffix(10))
            var patient = Patient(
                id: PatientID(SyntheticVisits.uuid(index)),
                demographics: Demographics(
                    name: person.reading.name,
                    dateOfBirth: person.reading.dateOfBirth,
                    sex: person.reading.sex,
                    address: person.reading.address
                )
            )
            patient.addIdentifier(.personalID(person.personalID))
            patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN\(100_000_000 + index)"))
            let coverage = Coverage(
                patientID: patient.id,
                cardCode: card,
                registeredFacility: visits.facility,
                validity: person.cardValidity
            )
            // Visits spread over the working day from 06:00, one every 0.3 s.
            let admitted = VietnamTime.instant(SyntheticVisits.day, hour: 6).addingTimeInterval(Double(index) * 0.3)
            var visit = try Visit(
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
            visit.chart = index % 10 == 0 ? visits.charts.withLeave : visits.charts.plain
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
