public import ChipChart
public import Foundation

/// A visit charted from check-in to discharge through ``ChipChart/Charting``, with every kind of
/// entry — for the tests of a store, an export or a mapper that must carry a whole record.
public enum ChartSamples {
    /// The doctor of the sample.
    public static func doctor() throws -> Staff {
        Staff(name: try PersonName("Đỗ Minh Bác Sĩ"), personalID: try PersonalID("001080000010"), role: .physician)
    }

    /// The nurse of the sample.
    public static func nurse() throws -> Staff {
        Staff(name: try PersonName("Vũ Thị Điều Dưỡng"), personalID: try PersonalID("001185000030"), role: .nurse)
    }

    /// A white cell count (service `22.0121.1370`, in G/L, reference range 4.0–10.0).
    public static func whiteCellCount(
        _ value: String,
        by performer: Staff,
        performedAt: Date,
        reportedAt: Date
    ) throws -> ParaclinicalResult {
        try ParaclinicalResult(
            serviceCode: "22.0121.1370",
            name: "Bạch cầu (WBC)",
            value: value,
            unit: "G/L",
            referenceRange: "4.0–10.0",
            performer: performer,
            performedAt: performedAt,
            reportedAt: reportedAt
        )
    }

    /// Registers a patient insured on a level-4 card (the fund pays 80%) and opens an outpatient
    /// visit for them at `admitted`, committed by a receptionist as a desk does.
    ///
    /// - Returns: the visit as stored.
    public static func checkIn(into store: any RecordStore, key: String, at admitted: Date) async throws -> Visit {
        var patient = Patient(demographics: try RecordSamples.patient().demographics)
        patient.addIdentifier(.personalID(try PersonalID("001099012345")))
        let day = CalendarDate(containing: admitted)
        let coverage = Coverage(
            patientID: patient.id,
            cardCode: try InsuranceCardCode("DN4010123456789"),
            registeredFacility: try FacilityCode("01001"),
            validity: try DatePeriod(start: day.adding(days: -60), end: day.adding(days: 300))
        )
        let visit = try Visit(
            key: key,
            patientID: patient.id,
            facility: try FacilityCode("01001"),
            admittedAt: admitted,
            reason: "Sốt cao, ho",
            appliedCoverages: [Visit.AppliedCoverage(coverage, from: admitted)]
        )
        var changes = ChangeSet(Access(by: try RecordSamples.staff(), purpose: "check-in"))
        changes.save(patient)
        changes.save(coverage)
        changes.save(visit)
        return try await store.commit(changes).visits[0]
    }

    /// Checks a patient in at 07:30 on 2 March 2026 (Vietnam time) into `store`, then charts an
    /// inpatient stay: vital signs, a complaint, tests with results, diagnoses, orders from the
    /// sample catalogue, an admission, a procedure, a transfer, and a referral with a follow-up
    /// and sick leave on 4 March.
    ///
    /// - Returns: the visit as last stored.
    public static func chartedStay(in store: any RecordStore) async throws -> Visit {
        let day = try CalendarDate(year: 2026, month: 3, day: 2)
        func at(_ days: Int, _ hour: Int, _ minute: Int = 0) -> Date {
            VietnamTime.instant(day.adding(days: days), hour: hour, minute: minute)
        }
        var visit = try await checkIn(into: store, key: "01001-20260302073000-CHART001", at: at(0, 7, 30))
        let doctor = try doctor()
        let nurse = try nurse()
        let noon = at(0, 12)
        let charting = Charting(store: store, catalogue: try SampleCatalogue.load(), now: { noon })
        let vitals = try VitalSigns(
            pulse: 104,
            systolicPressure: 110,
            diastolicPressure: 70,
            temperature: 39.2,
            respiratoryRate: 24,
            oxygenSaturation: 93,
            weight: 61.5,
            height: 165
        )
        visit = try await charting.chart(visit, by: nurse, at: at(0, 7, 40)) { session in
            session.record(vitals)
            try session.transfer(to: "K01")
        }
        visit = try await charting.chart(visit, by: doctor, at: at(0, 7, 50)) { session in
            session.record(try ClinicalNote(.complaint, "Sốt cao, ho, khó thở 3 ngày"))
            try session.order("02.1896")
            try session.order("22.0121.1370")
        }
        let count = try whiteCellCount("15.2", by: nurse, performedAt: at(0, 8), reportedAt: at(0, 8, 30))
        visit = try await charting.record(count, on: visit, by: nurse, at: at(0, 8, 30))
        let pneumonia = try ICD10Code("J18.9")
        let hypertension = try ICD10Code("I10")
        visit = try await charting.chart(visit, by: doctor, at: at(0, 10)) { session in
            session.diagnose(try Diagnosis(main: pneumonia, secondary: [hypertension], admissionText: "Viêm phổi"))
            try session.admit(to: "K02", reason: "Viêm phổi, SpO2 93%")
            try session.order("K02.1918", quantity: 2)
            try session.order("40.48", quantity: 14, at: at(0, 10, 15))
        }
        let suction = try ProcedureRecord(
            code: "96.04",
            name: "Hút đờm",
            performer: nurse,
            startedAt: at(0, 11),
            endedAt: at(0, 11, 10)
        )
        visit = try await charting.record(suction, on: visit, by: nurse, at: at(0, 11, 10))
        visit = try await charting.chart(visit, by: doctor, at: at(1, 8)) { session in
            session.record(try ClinicalNote(.progress, "Hết sốt, còn ho"))
            try session.transfer(to: "K19", at: at(1, 14))
        }
        let referral = try Discharge(
            outcome: .unchanged,
            type: .referred,
            referral: try Discharge.Referral(to: try FacilityCode("01002"), paperNumber: "CT-2026-0042"),
            followUp: Discharge.FollowUp(on: day.adding(days: 16)),
            sickLeave: try Discharge.SickLeave(from: day, through: day.adding(days: 6))
        )
        return try await charting.chart(visit, by: doctor, at: at(2, 8, 30)) { session in
            session.diagnose(
                try Diagnosis(
                    main: pneumonia,
                    secondary: [hypertension],
                    admissionText: "Viêm phổi",
                    dischargeText: "Viêm phổi thùy dưới phải"
                )
            )
            session.record(try ClinicalNote(.treatment, "Kháng sinh, long đờm"))
            try session.discharge(referral, at: at(2, 9))
        }
    }
}
