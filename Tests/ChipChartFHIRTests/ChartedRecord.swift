import ChipChart
import ChipChartFHIR
import ChipChartTesting
import Foundation

/// A patient's record with one charted visit, read back from a store, with fixed ids so its
/// Bundle is the same on every run: the sample inpatient stay, or an outpatient visit.
struct ChartedRecord: CustomStringConvertible, Sendable {
    /// Which visit.
    enum Kind: String, CaseIterable, Sendable {
        /// Vital signs, tests with results, diagnoses, orders, an admission, a procedure, a
        /// transfer, a referral with a follow-up and sick leave.
        case inpatientStay
        /// Vital signs, an order with its result, a diagnosis, a discharge home.
        case outpatientVisit
    }

    let kind: Kind
    let patient: Patient
    let coverages: [Coverage]
    let visit: Visit

    var description: String { kind.rawValue }

    /// The patient's Bundle.
    var bundle: FHIRJSON {
        get throws {
            FHIRMapper(facility: try FacilityCode("01001"))
                .bundle(patient: patient, coverages: coverages, visits: [visit])
        }
    }

    static func make(_ kind: Kind) async throws -> ChartedRecord {
        let store: any RecordStore = InMemoryStore()
        let visit: Visit
        switch kind {
        case .inpatientStay: visit = try await ChartSamples.chartedStay(in: store)
        case .outpatientVisit: visit = try await outpatientVisit(in: store)
        }
        let access = Access(by: try RecordSamples.staff(), purpose: "FHIR test")
        guard var patient = try await store.patient(visit.patientID, for: access) else {
            throw ValidationError(field: "patient", reason: .missing, message: "the sample patient is stored")
        }
        var coverages = try await store.coverages(ofPatient: patient.id, for: access)
        // Fixed ids, so the Bundle (and the chart resources' derived ids) never change.
        let patientID = PatientID(uuid(1))
        patient.id = patientID
        var fixed = visit
        fixed.id = VisitID(uuid(kind == .inpatientStay ? 2 : 3))
        fixed.patientID = patientID
        for index in coverages.indices {
            let id = CoverageID(uuid(10 + index))
            for applied in fixed.appliedCoverages.indices
            where fixed.appliedCoverages[applied].coverageID == coverages[index].id {
                fixed.appliedCoverages[applied].coverageID = id
            }
            coverages[index].id = id
            coverages[index].patientID = patientID
        }
        return ChartedRecord(kind: kind, patient: patient, coverages: coverages, visit: fixed)
    }

    static func uuid(_ last: Int) -> UUID {
        UUID(uuidString: "7A2D3C1F-0000-4000-8000-0000000000\(last < 10 ? "0" : "")\(last)") ?? UUID()
    }

    /// An outpatient visit on 2 March 2026: the nurse measures, the doctor examines and orders a
    /// blood count (with two syringes), the result comes back, the doctor diagnoses and sends the
    /// patient home.
    static func outpatientVisit(in store: any RecordStore) async throws -> Visit {
        let day = try CalendarDate(year: 2026, month: 3, day: 2)
        func at(_ hour: Int, _ minute: Int = 0) -> Date { VietnamTime.instant(day, hour: hour, minute: minute) }
        var visit = try await ChartSamples.checkIn(into: store, key: "01001-20260302080000-CHART002", at: at(8))
        let doctor = try ChartSamples.doctor()
        let nurse = try ChartSamples.nurse()
        let noon = at(12)
        let charting = Charting(store: store, catalogue: try SampleCatalogue.load(), now: { noon })
        let vitals = try VitalSigns(pulse: 88, temperature: 38.4, oxygenSaturation: 97)
        visit = try await charting.chart(visit, by: nurse, at: at(8, 10)) { session in
            session.record(vitals)
            try session.transfer(to: "K01")
        }
        visit = try await charting.chart(visit, by: doctor, at: at(8, 20)) { session in
            session.record(try ClinicalNote(.complaint, "Sốt, đau họng 2 ngày"))
            try session.order("02.1896")
            try session.order("22.0121.1370")
            try session.order("N03.05.070", quantity: 2)
        }
        let count = try ChartSamples.whiteCellCount("11.4", by: nurse, performedAt: at(8, 30), reportedAt: at(9))
        visit = try await charting.record(count, on: visit, by: nurse, at: at(9))
        return try await charting.chart(visit, by: doctor, at: at(9, 30)) { session in
            session.diagnose(try Diagnosis(main: try ICD10Code("J02.9"), dischargeText: "Viêm họng cấp"))
            try session.order("40.48", quantity: 10)
            try session.discharge(try Discharge(outcome: .cured), at: at(9, 40))
        }
    }
}
