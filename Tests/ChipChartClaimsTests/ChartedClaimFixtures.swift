import ChipChart
import ChipChartClaims
import Foundation
import Testing

/// Two visits charted through `Charting`, from check-in to discharge, whose claims are golden
/// files: an outpatient visit with a result, and an inpatient stay with a transfer, a referral and
/// a follow-up. Prices come from the small catalogue below; every amount is checked by hand.
enum ChartedClaimFixtures {
    static let catalogueCSV = """
        kind,code,name,unit,price,insurance_price,in_scope,coverage_rate,effective_from,effective_until
        service,02.1896,Khám Nội,Lần,50600.00,50600.00,1,100,20260101,
        service,23.0075.1494,Định lượng Glucose [Máu],Lần,21500.00,21500.00,1,100,20260101,
        service,22.0121.1370,Tổng phân tích tế bào máu ngoại vi,Lần,46200.00,46200.00,1,100,20260101,
        service,18.0071.0028,Chụp X-quang ngực thẳng,Lần,65400.00,65400.00,1,100,20260101,
        service,K02.1918,"Ngày giường bệnh Nội khoa, loại 1",Ngày,243400.00,243400.00,1,100,20260101,
        drug,40.17,Paracetamol 500 mg,Viên,1200.00,1200.00,1,100,20260101,
        drug,40.48,Amoxicilin 500 mg,Viên,1850.00,1850.00,1,100,20260101,
        drug,40.1029,Vitamin C 500 mg,Viên,650.00,0.00,0,0,20260101,
        supply,N03.05.070,Bơm tiêm nhựa 5 ml,Cái,1200.00,1200.00,1,100,20260101,
        """

    static var doctor: Staff { get throws { try staff("Đỗ Minh Bác Sĩ", "001080000010", .physician) } }
    static var nurse: Staff { get throws { try staff("Vũ Thị Điều Dưỡng", "001185000030", .nurse) } }
    static var technician: Staff {
        get throws { try staff("Lê Văn Xét Nghiệm", "001090000050", Staff.Role("laboratoryTechnician")) }
    }

    static func staff(_ name: String, _ id: String, _ role: Staff.Role) throws -> Staff {
        Staff(name: try PersonName(name), personalID: try PersonalID(id), role: role)
    }

    /// A result reported by the laboratory technician.
    static func result(
        _ code: String,
        _ name: String,
        _ value: String,
        unit: String? = nil,
        range: String? = nil,
        performed: Date,
        reported: Date
    ) throws -> ParaclinicalResult {
        try ParaclinicalResult(
            serviceCode: code,
            name: name,
            value: value,
            unit: unit,
            referenceRange: range,
            performer: technician,
            performedAt: performed,
            reportedAt: reported
        )
    }

    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0) throws -> Date {
        try ClaimFixtures.at(3, day, hour, minute)
    }

    /// The patient of ``ClaimFixtures/outpatient()``, on a level-4 card (the fund pays 80%), checked
    /// in at 07:30 on 2 March 2026.
    static func checkedIn(key: String, visitID: String) async throws -> (Charting, ClaimInput) {
        let store = InMemoryStore()
        let receptionist = try staff("Trần Thị Lễ Tân", "001185000001", .receptionist)
        let known = try ClaimFixtures.outpatient()
        let patient = known.patient
        let card = try #require(known.visit.appliedCoverages.first)
        let coverage = Coverage(
            id: card.coverageID,
            patientID: patient.id,
            cardCode: card.cardCode,
            registeredFacility: card.registeredFacility,
            validity: card.cardValidity
        )
        let visit = try Visit(
            id: VisitID(UUID(uuidString: visitID) ?? UUID()),
            key: key,
            patientID: patient.id,
            facility: ClaimFixtures.facility,
            admittedAt: try at(2, 7, 30),
            reason: "Sốt, ho",
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: try at(2, 7, 30))]
        )
        var changes = ChangeSet(Access(by: receptionist, purpose: "check-in"))
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        let receipt = try await store.commit(changes)
        let charting = Charting(store: store, catalogue: try Catalogue(csv: catalogueCSV), now: { Date() })
        return (charting, ClaimInput(patient: patient, visit: receipt.visits[0], coverages: [coverage]))
    }

    /// An outpatient visit: vital signs, a consultation, a glucose test and its result, a
    /// diagnosis, paracetamol and vitamin C (out of scope), discharged improved at 09:15. By hand
    /// (the fund pays 80% of what is in scope):
    ///
    /// | line | BV | BH | T_BHTT | T_BNCCT | T_BNTT |
    /// |---|---|---|---|---|---|
    /// | consultation 1 × 50600 | 50600.00 | 50600.00 | 40480.00 | 10120.00 | 0.00 |
    /// | glucose 1 × 21500 | 21500.00 | 21500.00 | 17200.00 | 4300.00 | 0.00 |
    /// | paracetamol 10 × 1200 | 12000.00 | 12000.00 | 9600.00 | 2400.00 | 0.00 |
    /// | vitamin C 10 × 650, out of scope | 6500.00 | 0.00 | 0.00 | 0.00 | 6500.00 |
    ///
    /// Totals: T_THUOC 18500.00, T_TONGCHI_BV 90600.00, T_TONGCHI_BH 84100.00, T_BHTT 67280.00,
    /// T_BNCCT 16820.00, T_BNTT 6500.00 (67280 + 16820 + 6500 = 90600).
    static func outpatient() async throws -> ClaimInput {
        var (charting, input) = try await checkedIn(
            key: "01001.20260302.0101",
            visitID: "7A1C2B0E-0000-4000-8000-000000000101"
        )
        var visit = input.visit
        visit = try await charting.record(
            try VitalSigns(pulse: 90, systolicPressure: 130, diastolicPressure: 85, temperature: 38, weight: 68),
            on: visit,
            by: nurse,
            at: try at(2, 7, 40)
        )
        visit = try await charting.record(
            try ClinicalNote(.complaint, "Sốt, khát nhiều"),
            on: visit,
            by: doctor,
            at: try at(2, 7, 45)
        )
        visit = try await charting.order("02.1896", on: visit, by: doctor, at: try at(2, 7, 45))
        visit = try await charting.order("23.0075.1494", on: visit, by: doctor, at: try at(2, 7, 50))
        visit = try await charting.record(
            try result(
                "23.0075.1494",
                "Glucose",
                "9.8",
                unit: "mmol/L",
                range: "3.9–6.4",
                performed: at(2, 8, 0),
                reported: at(2, 8, 40)
            ),
            on: visit,
            by: technician,
            at: try at(2, 8, 40)
        )
        visit = try await charting.diagnose(
            try Diagnosis(
                main: try ICD10Code("E11.9"),
                secondary: [try ICD10Code("J06.9")],
                admissionText: "Sốt",
                dischargeText: "Đái tháo đường type 2; viêm đường hô hấp trên"
            ),
            on: visit,
            by: doctor,
            at: try at(2, 9, 0)
        )
        visit = try await charting.order("40.17", quantity: 10, on: visit, by: doctor, at: try at(2, 9, 5))
        visit = try await charting.order("40.1029", quantity: 10, on: visit, by: doctor, at: try at(2, 9, 5))
        visit = try await charting.record(
            try ClinicalNote(.treatment, "Hạ sốt, hẹn tái khám"),
            on: visit,
            by: doctor,
            at: try at(2, 9, 10)
        )
        visit = try await charting.discharge(
            try Discharge(outcome: .improved, followUp: Discharge.FollowUp(on: try ClaimFixtures.date(3, 16))),
            on: visit,
            by: doctor,
            at: try at(2, 9, 15)
        )
        input.visit = visit
        return input
    }

    /// An inpatient stay: seen in outpatients at 07:30, a blood count and a chest X-ray with
    /// their results, admitted to the medical ward K02 at 10:00, transferred to K19 on 3 March,
    /// two bed-days, amoxicillin and two syringes, referred on 4 March at 09:00 to facility 01002
    /// with a follow-up on 18 March. By hand (80%):
    ///
    /// | line | BV = BH | T_BHTT | T_BNCCT |
    /// |---|---|---|---|
    /// | consultation 1 × 50600 | 50600.00 | 40480.00 | 10120.00 |
    /// | blood count 1 × 46200 | 46200.00 | 36960.00 | 9240.00 |
    /// | chest X-ray 1 × 65400 | 65400.00 | 52320.00 | 13080.00 |
    /// | bed-days 2 × 243400 | 486800.00 | 389440.00 | 97360.00 |
    /// | amoxicillin 14 × 1850 | 25900.00 | 20720.00 | 5180.00 |
    /// | syringe 2 × 1200 | 2400.00 | 1920.00 | 480.00 |
    ///
    /// Totals: T_THUOC 25900.00, T_VTYT 2400.00, T_TONGCHI_BV = T_TONGCHI_BH 677300.00, T_BHTT
    /// 541840.00, T_BNCCT 135460.00, T_BNTT 0.00 (541840 + 135460 = 677300); SO_NGAY_DTRI 3.
    static func inpatient() async throws -> ClaimInput {
        var (charting, input) = try await checkedIn(
            key: "01001.20260302.0102",
            visitID: "7A1C2B0E-0000-4000-8000-000000000102"
        )
        var visit = input.visit
        let (doctor, nurse, technician) = (try doctor, try nurse, try technician)
        visit = try await charting.chart(visit, by: nurse, at: try at(2, 7, 40)) { session in
            session.record(try VitalSigns(pulse: 104, temperature: 39.2, oxygenSaturation: 93, weight: 70.5))
        }
        visit = try await charting.chart(visit, by: doctor, at: try at(2, 7, 45)) { session in
            session.record(try ClinicalNote(.complaint, "Sốt cao, ho, khó thở"))
            try session.order("02.1896")
            try session.order("22.0121.1370", at: try at(2, 7, 50))
            try session.order("18.0071.0028", at: try at(2, 7, 50))
        }
        let count = try result(
            "22.0121.1370",
            "Bạch cầu (WBC)",
            "15.2",
            unit: "G/L",
            range: "4.0–10.0",
            performed: at(2, 8, 0),
            reported: at(2, 8, 30)
        )
        let xray = try result(
            "18.0071.0028",
            "X-quang ngực thẳng",
            "Đám mờ thùy dưới phổi phải",
            performed: at(2, 8, 10),
            reported: at(2, 9, 0)
        )
        visit = try await charting.chart(visit, by: technician) { session in
            session.record(count, at: count.reportedAt)
            session.record(xray, at: xray.reportedAt)
        }
        visit = try await charting.chart(visit, by: doctor, at: try at(2, 10)) { session in
            session.diagnose(
                try Diagnosis(
                    main: try ICD10Code("J18.9"),
                    admissionText: "Viêm phổi",
                    dischargeText: "Viêm phổi thùy dưới phải"
                ),
                at: try at(2, 9, 30)
            )
            try session.admit(to: "K02", reason: "Viêm phổi, SpO2 93%")
            try session.order("K02.1918", quantity: 2)
            try session.order("40.48", quantity: 14, at: try at(2, 10, 15))
        }
        visit = try await charting.order("N03.05.070", quantity: 2, on: visit, by: nurse, at: try at(2, 10, 20))
        visit = try await charting.transfer(to: "K19", on: visit, by: doctor, at: try at(3, 14))
        let referral = try Discharge(
            outcome: .unchanged,
            type: .referred,
            referral: try Discharge.Referral(
                to: try FacilityCode("01002"),
                paperNumber: "CT-2026-0042",
                reason: "Cần chụp CT ngực"
            ),
            followUp: Discharge.FollowUp(on: try ClaimFixtures.date(3, 18)),
            sickLeave: try Discharge.SickLeave(
                from: try ClaimFixtures.date(3, 4),
                through: try ClaimFixtures.date(3, 10),
                certificateNumber: "NV-2026-0007"
            )
        )
        visit = try await charting.chart(visit, by: doctor, at: try at(4, 8, 30)) { session in
            session.record(try ClinicalNote(.treatment, "Kháng sinh đường uống"))
            try session.discharge(referral, at: try at(4, 9))
        }
        input.visit = visit
        return input
    }
}
