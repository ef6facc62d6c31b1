import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation

/// The examinations of the morning, through ``Charting``: a nurse takes each patient's vital
/// signs, a doctor hears the complaint, orders tests and drugs from the sample catalogue, a lab
/// technician reports the results, and the doctor diagnoses and discharges — with a follow-up for
/// some, a referral for a few, a sick-leave certificate for others — or admits the patient to a
/// ward, where the stay stays open.
struct Closing: Sendable {
    let clinic: Clinic
    let seed: UInt64

    /// What the examinations did.
    struct Outcome: Sendable {
        var closed = 0
        var admitted = 0
        var referred = 0
        var followUps = 0
    }

    /// Noon: every outpatient visit of the morning has ended by then.
    var closingTime: Date { VietnamTime.instant(clinic.day, hour: 12) }

    /// Examines the visits opened in the morning (`opened`, by arrival).
    func run(_ opened: [Tally.Opened]) async throws -> Outcome {
        let staff = try ClinicStaff()
        let charting = Charting(store: clinic.store, catalogue: try SampleCatalogue.load(), now: { clinic.clock.now })
        clinic.clock.advance(to: closingTime)
        var outcome = Outcome()
        for visit in opened.sorted(by: { $0.arrival < $1.arrival }) {
            var random = SeededRandom(
                seed: seed ^ 0xD0C7_0000 ^ UInt64(visit.arrival) ^ UInt64(clinic.day.daysSinceEpoch) << 32
            )
            let scenario = Scenario.all[Int(random.next() % UInt64(Scenario.all.count))]
            var exam = Examination(charting: charting, staff: staff, id: visit.id, closingTime: closingTime)
            try await exam.run(scenario, random: &random, into: &outcome)
        }
        return outcome
    }
}

/// The clinicians of the morning, and the claims officer who writes the day's claims file.
struct ClinicStaff: Sendable {
    let doctor: Staff
    let nurse: Staff
    let technician: Staff
    let claimsOfficer: Staff

    /// Every one of them.
    var all: [Staff] { [doctor, nurse, technician, claimsOfficer] }

    init() throws {
        doctor = try Staff(commandLine: "Đỗ Minh Bác Sĩ|001080000010", role: .physician)
        nurse = try Staff(commandLine: "Vũ Thị Điều Dưỡng|001185000030", role: .nurse)
        technician = try Staff(commandLine: "Lê Văn Xét Nghiệm|001090000050", role: Staff.Role("laboratoryTechnician"))
        claimsOfficer = try Staff(commandLine: "Đỗ Văn Giám Định|001080000040", role: .claimsOfficer)
    }
}

/// One patient's examination: each step a new version of the visit, retried from a fresh read
/// when someone else changed the visit meanwhile.
struct Examination {
    let charting: Charting
    let staff: ClinicStaff
    let id: VisitID
    let closingTime: Date
    var visit: Visit?

    init(charting: Charting, staff: ClinicStaff, id: VisitID, closingTime: Date) {
        self.charting = charting
        self.staff = staff
        self.id = id
        self.closingTime = closingTime
    }

    mutating func run(
        _ scenario: Scenario,
        random: inout SeededRandom,
        into outcome: inout Closing.Outcome
    ) async throws {
        guard let first = try await charting.visit(id, by: staff.doctor), first.status == .open else { return }
        visit = first
        let seen = min(first.admittedAt.addingTimeInterval(Double(5 + random.next() % 40) * 60), closingTime)
        let vitals = try VitalSigns(
            pulse: 64 + Int(random.next() % 40),
            systolicPressure: 105 + Int(random.next() % 50),
            diastolicPressure: 65 + Int(random.next() % 25),
            temperature: Decimal(365 + Int(random.next() % 30)) / 10,
            respiratoryRate: 14 + Int(random.next() % 8),
            oxygenSaturation: 94 + Int(random.next() % 6),
            weight: Decimal(40 + Int(random.next() % 45))
        )
        let doctor = staff.doctor
        let nurse = staff.nurse
        let technician = staff.technician
        // Four sittings, four versions: the nurse's, the doctor's consultation, the laboratory's
        // results, and the doctor's conclusion.
        try await step { try await $0.record(vitals, on: $1, by: nurse, at: seen) }
        try await step {
            try await $0.chart($1, by: doctor, at: seen) { session in
                session.record(try ClinicalNote(.complaint, scenario.complaint))
                try session.order(scenario.examination)
                for test in scenario.tests { try session.order(test.code, at: seen.addingTimeInterval(300)) }
            }
        }
        let sampled = seen.addingTimeInterval(600)
        let reported = seen.addingTimeInterval(2400)
        if !scenario.tests.isEmpty {
            let results = try scenario.tests.map { test in
                try ParaclinicalResult(
                    serviceCode: test.code,
                    name: test.name,
                    value: test.value,
                    unit: test.unit,
                    referenceRange: test.range,
                    performer: technician,
                    performedAt: sampled,
                    reportedAt: reported
                )
            }
            try await step {
                try await $0.chart($1, by: technician, at: reported) { session in
                    for result in results { session.record(result) }
                }
            }
        }
        let time = min(
            scenario.tests.isEmpty ? seen.addingTimeInterval(900) : reported.addingTimeInterval(600),
            closingTime
        )
        let diagnosis = try Diagnosis(
            main: try ICD10Code(scenario.main),
            secondary: try scenario.secondary.map { try ICD10Code($0) },
            admissionText: scenario.complaint,
            dischargeText: scenario.dischargeText
        )
        let procedure = try scenario.procedure.map { code in
            try ProcedureRecord(
                code: code,
                name: scenario.treatment,
                performer: doctor,
                startedAt: time,
                endedAt: time.addingTimeInterval(1200)
            )
        }
        let admitted = scenario.admissionOdds > 0 && random.next() % scenario.admissionOdds == 0
        var discharge = admitted ? nil : try plannedDischarge(random: &random, on: time)
        let closingTime = closingTime
        while true {
            do {
                try await conclude(
                    diagnosis: diagnosis,
                    procedure: procedure,
                    discharge: discharge,
                    scenario: scenario,
                    at: time,
                    leaving: min(time.addingTimeInterval(600), closingTime)
                )
                break
            } catch let error as StoreError where error.code == .openVisitExists && discharge == nil {
                // Already in a ward since an earlier day: sent home from the consultation instead.
                discharge = try plannedDischarge(random: &random, on: time)
            }
        }
        if let discharge {
            outcome.closed += 1
            if discharge.referral != nil { outcome.referred += 1 }
            if discharge.followUp != nil { outcome.followUps += 1 }
        } else {
            outcome.admitted += 1
        }
    }

    /// The doctor's conclusion, one version: the diagnoses, the prescription, the treatment, and
    /// the discharge — or, without one, the admission to the scenario's ward with its bed-day.
    private mutating func conclude(
        diagnosis: Diagnosis,
        procedure: ProcedureRecord?,
        discharge: Discharge?,
        scenario: Scenario,
        at time: Date,
        leaving: Date
    ) async throws {
        let doctor = staff.doctor
        try await step {
            try await $0.chart($1, by: doctor, at: time) { session in
                session.diagnose(diagnosis)
                for (code, quantity) in scenario.prescription { try session.order(code, quantity: quantity) }
                if let procedure { session.record(procedure) }
                session.record(try ClinicalNote(.treatment, scenario.treatment))
                if let discharge {
                    try session.discharge(discharge, at: leaving)
                } else {
                    try session.admit(to: scenario.ward.department, reason: scenario.complaint)
                    try session.order(scenario.ward.bed)
                }
            }
        }
    }

    /// A discharge: one in 25 referred to the provincial hospital, one in 3 booked for a
    /// follow-up in a week, one in 8 given three days of sick leave.
    private func plannedDischarge(random: inout SeededRandom, on time: Date) throws -> Discharge {
        let day = CalendarDate(containing: time)
        let referred = random.next() % 25 == 0
        return try Discharge(
            outcome: referred ? .unchanged : random.next() % 4 == 0 ? .cured : .improved,
            type: referred ? .referred : .discharged,
            referral: referred
                ? try Discharge.Referral(
                    to: try FacilityCode("01002"),
                    paperNumber: "CT-\(day.compact)-\(id.description.prefix(8))",
                    reason: "Vượt khả năng chuyên môn"
                ) : nil,
            followUp: random.next() % 3 == 0 ? Discharge.FollowUp(on: day.adding(days: 7)) : nil,
            sickLeave: random.next() % 8 == 0 ? try Discharge.SickLeave(from: day, through: day.adding(days: 2)) : nil
        )
    }

    /// Applies a step to the visit as last read; on a version conflict, reads it again and
    /// repeats the step (at most five times).
    private mutating func step(_ body: (Charting, Visit) async throws -> Visit) async throws {
        var attempts = 0
        while true {
            guard let current = visit else { return }
            do {
                visit = try await body(charting, current)
                return
            } catch let error as StoreError where error.code == .versionConflict && attempts < 5 {
                attempts += 1
                visit = try await charting.visit(id, by: staff.doctor)
            }
        }
    }
}
