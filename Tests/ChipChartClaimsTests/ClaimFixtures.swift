import ChipChart
import ChipChartClaims
import Foundation

/// The two hand-checked claims of the golden files, built from fixed values only.
enum ClaimFixtures {
    static func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int) throws -> Date {
        VietnamTime.instant(try CalendarDate(year: 2026, month: month, day: day), hour: hour, minute: minute)
    }

    static func date(_ month: Int, _ day: Int) throws -> CalendarDate {
        try CalendarDate(year: 2026, month: month, day: day)
    }

    static let facility = FixtureFacility.code

    /// An outpatient visit on a level-4 card (the fund pays 80%). By hand:
    ///
    /// | line | BV | BH | T_BHTT (BH × 80%) | T_BNCCT | T_BNTT (BV − BH) |
    /// |---|---|---|---|---|---|
    /// | exam 1 × 50600 | 50600.00 | 50600.00 | 40480.00 | 10120.00 | 0.00 |
    /// | paracetamol 3 × 1500.50 (BH 1234.57) | 4501.50 | 3703.71 | 2962.97 (2962.968) | 740.74 | 797.79 |
    /// | amoxicillin 14 × 2350, rate 50% | 32900.00 | 16450.00 | 13160.00 | 3290.00 | 16450.00 |
    /// | syringe 1 × 3000, out of scope | 3000.00 | 0.00 | 0.00 | 0.00 | 3000.00 |
    ///
    /// Totals: T_THUOC 37401.50, T_VTYT 3000.00, T_TONGCHI_BV 91001.50, T_TONGCHI_BH 70753.71,
    /// T_BHTT 56602.97, T_BNCCT 14150.74, T_BNTT 20247.79 (and 56602.97 + 14150.74 + 20247.79 = 91001.50).
    static func outpatient() throws -> ClaimInput {
        let patientID = PatientID(UUID(uuidString: "6F1C2B0E-0000-4000-8000-000000000001") ?? UUID())
        var patient = Patient(
            id: patientID,
            demographics: Demographics(
                name: try PersonName("Nguyễn Văn A"),
                dateOfBirth: .full(try CalendarDate(year: 1999, month: 1, day: 1)),
                sex: .male,
                address: "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                phone: "0912345678"
            )
        )
        patient.addIdentifier(.personalID(try PersonalID("001099012345")))
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN000123"))
        let coverage = Coverage(
            patientID: patientID,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: facility,
            validity: try DatePeriod(start: date(1, 1), end: date(12, 31))
        )
        let visit = try Visit(
            key: "01001.20260302.0001",
            patientID: patientID,
            facility: facility,
            kind: .outpatient,
            route: .registeredFacility,
            admittedAt: try at(3, 2, 7, 30),
            dischargedAt: try at(3, 2, 9, 15),
            reason: "Sốt & ho <3 ngày>",
            diagnoses: [try ICD10Code("J06.9"), try ICD10Code("R50.9"), try ICD10Code("I10")],
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: try at(3, 2, 7, 30))],
            lineItems: [
                try line(.service, "02.1896", "Khám Nội", 1, "50600", "50600", at: try at(3, 2, 7, 35)),
                try line(.drug, "40.17", "Paracetamol 500mg", 3, "1500.50", "1234.57", at: try at(3, 2, 8, 50)),
                try line(.drug, "40.95", "Amoxicillin 500mg", 14, "2350", "2350", rate: 50, at: try at(3, 2, 8, 50)),
                try line(.supply, "N03.05", "Bơm tiêm 5ml", 1, "3000", "3000", inScope: false, at: try at(3, 2, 8, 0)),
            ],
            status: .closed
        )
        return ClaimInput(
            patient: patient,
            visit: visit,
            details: ClaimDetails(department: "K01", practitionerCode: "BS0001", units: ["40.17": "Viên"])
        )
    }

    /// An inpatient stay across a card replacement: GD4 (80%) until 4 March, HT3 (95%) from 5 March.
    /// By hand:
    ///
    /// | line | card | BV | BH | T_BHTT | T_BNCCT | T_BNTT |
    /// |---|---|---|---|---|---|---|
    /// | bed 2 × 200000 (BH 180000), 3 March | GD4 80% | 400000.00 | 360000.00 | 288000.00 | 72000.00 | 40000.00 |
    /// | catheter 1 × 45000, 3 March | GD4 80% | 45000.00 | 45000.00 | 36000.00 | 9000.00 | 0.00 |
    /// | bed 2 × 200000 (BH 180000), 5 March | HT3 95% | 400000.00 | 360000.00 | 342000.00 | 18000.00 | 40000.00 |
    /// | aspirin 5 × 850.25, 6 March | HT3 95% | 4251.25 | 4251.25 | 4038.69 (4038.6875) | 212.56 | 0.00 |
    ///
    /// Totals: T_THUOC 4251.25, T_VTYT 45000.00, T_TONGCHI_BV 849251.25, T_TONGCHI_BH 769251.25,
    /// T_BHTT 670038.69, T_BNCCT 99212.56, T_BNTT 80000.00 (sum 849251.25). SO_NGAY_DTRI: 3 to 7
    /// March, both counted, 5. Born in 1958, day unknown: NGAY_SINH 195800000000. The new card
    /// gives MA_KHUVUC K2 and NAM_NAM_LIEN_TUC 20260101.
    static func inpatientAcrossReplacement() throws -> ClaimInput {
        let patientID = PatientID(UUID(uuidString: "6F1C2B0E-0000-4000-8000-000000000002") ?? UUID())
        var patient = Patient(
            id: patientID,
            demographics: Demographics(name: try PersonName("Trần Thị B"), dateOfBirth: .year(1958), sex: .female)
        )
        patient.addIdentifier(.personalID(try PersonalID("001158004321")))
        patient.addIdentifier(try PatientIdentifier(kind: .facilityRecordNumber, value: "BN000456"))
        let old = Coverage(
            patientID: patientID,
            cardCode: try InsuranceCardCode("GD4010000012345"),
            registeredFacility: facility,
            validity: try DatePeriod(start: date(1, 1), end: date(3, 4)),
            status: .replaced
        )
        let new = Coverage(
            patientID: patientID,
            cardCode: try InsuranceCardCode("HT3010000012345"),
            registeredFacility: try FacilityCode("01002"),
            region: .k2,
            validity: try DatePeriod(start: date(3, 5), end: date(12, 31)),
            fiveYearDate: try date(1, 1),
            replaces: old.id
        )
        let secondary = [
            "E11.9", "I10", "E78.5", "N18.3", "J44.9", "K21.9", "M81.0", "H25.9", "G47.0", "F32.9", "R26.8", "Z95.1",
        ]
        let visit = try Visit(
            key: "01001.20260303.0042",
            patientID: patientID,
            facility: facility,
            kind: .inpatient,
            route: .registeredFacility,
            admittedAt: try at(3, 3, 14, 20),
            dischargedAt: try at(3, 7, 10, 5),
            reason: "Yếu nửa người",
            diagnoses: try (["I63.9"] + secondary).map { try ICD10Code($0) },
            appliedCoverages: [
                Visit.AppliedCoverage(old, from: try at(3, 3, 14, 20), until: try at(3, 5, 0, 0)),
                Visit.AppliedCoverage(new, from: try at(3, 5, 0, 0)),
            ],
            lineItems: [
                try line(.service, "K01.1950", "Ngày giường Nội khoa", 2, "200000", "180000", at: try at(3, 3, 15, 0)),
                try line(.supply, "N04.01", "Ống thông", 1, "45000", "45000", at: try at(3, 3, 16, 0)),
                try line(.service, "K01.1950", "Ngày giường Nội khoa", 2, "200000", "180000", at: try at(3, 5, 8, 0)),
                try line(.drug, "40.41", "Aspirin 81mg", 5, "850.25", "850.25", at: try at(3, 6, 9, 0)),
            ],
            status: .closed
        )
        return ClaimInput(
            patient: patient,
            visit: visit,
            details: ClaimDetails(department: "K02", dischargeDiagnosis: "Nhồi máu não", costGroups: ["K01.1950": 15]),
            coverages: [old, new]
        )
    }

    static func line(
        _ kind: LineItem.Kind,
        _ code: String,
        _ name: String,
        _ quantity: Decimal,
        _ price: String,
        _ insurancePrice: String,
        rate: Int = 100,
        inScope: Bool = true,
        at time: Date
    ) throws -> LineItem {
        try LineItem(
            kind: kind,
            code: code,
            name: name,
            quantity: quantity,
            unitPrice: try Money(parsing: price),
            insurancePrice: try Money(parsing: insurancePrice),
            inScope: inScope,
            paymentRatePercent: rate,
            orderedAt: time
        )
    }
}

enum FixtureFacility {
    static let code: FacilityCode = {
        do { return try FacilityCode("01001") } catch { preconditionFailure("01001 is a valid facility code") }
    }()
}
