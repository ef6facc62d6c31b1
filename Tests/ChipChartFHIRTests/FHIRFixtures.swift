import ChipChart
import Foundation

/// One patient's whole record with history: a cancelled personal ID, an old CMND, a merged
/// duplicate, a card replaced during an inpatient stay, an outpatient visit.
struct FHIRFixtures {
    let facility: FacilityCode
    let patient: Patient
    let duplicate: Patient
    let coverages: [Coverage]
    let visits: [Visit]

    static func uuid(_ last: Int) -> UUID {
        UUID(uuidString: "6F1C2B0E-0000-4000-8000-0000000000\(last < 10 ? "0" : "")\(last)") ?? UUID()
    }

    static func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int) throws -> Date {
        VietnamTime.instant(try CalendarDate(year: 2026, month: month, day: day), hour: hour, minute: minute)
    }

    init() throws {
        let facility = try FacilityCode("01001")
        let patientID = PatientID(Self.uuid(1))
        var patient = Patient(
            id: patientID,
            demographics: Demographics(
                name: try PersonName("Trần Thị B"),
                dateOfBirth: .year(1958),
                sex: .female,
                address: "Số 5 Lê Lợi, Hoàn Kiếm, Hà Nội",
                phone: "0987654321"
            )
        )
        patient.addIdentifier(
            .personalID(try PersonalID("001158000001"), since: try CalendarDate(year: 2021, month: 5, day: 1))
        )
        patient.adoptPersonalID(try PersonalID("001158004321"), on: try CalendarDate(year: 2024, month: 7, day: 1))
        patient.addIdentifier(.legacyID(try LegacyIDNumber("012345678")))
        patient.addIdentifier(.socialInsuranceNumber(try SocialInsuranceNumber("0000012345")))
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN000456"))
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN000999", status: .merged))
        var duplicate = Patient(
            id: PatientID(Self.uuid(9)),
            demographics: Demographics(name: try PersonName("Trần Thị B"), dateOfBirth: .year(1958), sex: .female),
            mergedInto: patientID
        )
        duplicate.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN000999", status: .merged))
        let oldID = CoverageID(Self.uuid(2))
        let newID = CoverageID(Self.uuid(3))
        let old = Coverage(
            id: oldID,
            patientID: patientID,
            cardCode: try InsuranceCardCode("GD4010000012345"),
            registeredFacility: facility,
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 1, day: 1),
                end: try CalendarDate(year: 2026, month: 3, day: 4)
            ),
            status: .replaced,
            replacedBy: newID
        )
        let new = Coverage(
            id: newID,
            patientID: patientID,
            cardCode: try InsuranceCardCode("HT3010000012345"),
            registeredFacility: try FacilityCode("01002"),
            region: .k1,
            validity: try DatePeriod(
                start: try CalendarDate(year: 2026, month: 3, day: 5),
                end: try CalendarDate(year: 2026, month: 12, day: 31)
            ),
            fiveYearDate: try CalendarDate(year: 2025, month: 1, day: 1),
            replaces: oldID
        )
        let stay = try Visit(
            id: VisitID(Self.uuid(4)),
            key: "01001.20260303.0042",
            patientID: patientID,
            facility: facility,
            kind: .inpatient,
            admittedAt: try Self.at(3, 3, 14, 20),
            dischargedAt: try Self.at(3, 7, 10, 5),
            reason: "Yếu nửa người",
            diagnoses: [try ICD10Code("I63.9"), try ICD10Code("I10")],
            appliedCoverages: [
                Visit.AppliedCoverage(old, from: try Self.at(3, 3, 14, 20), until: try Self.at(3, 5, 0, 0)),
                Visit.AppliedCoverage(new, from: try Self.at(3, 5, 0, 0)),
            ],
            status: .closed
        )
        let checkUp = try Visit(
            id: VisitID(Self.uuid(5)),
            key: "01001.20260320.0007",
            patientID: patientID,
            facility: facility,
            kind: .outpatient,
            admittedAt: try Self.at(3, 20, 8, 0),
            diagnoses: [try ICD10Code("I69.3")],
            appliedCoverages: [Visit.AppliedCoverage(new, from: try Self.at(3, 20, 8, 0))]
        )
        self.facility = facility
        self.patient = patient
        self.duplicate = duplicate
        self.coverages = [old, new]
        self.visits = [stay, checkUp]
    }
}
