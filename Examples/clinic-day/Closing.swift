import ChipChart
import ChipChartTesting
import ExampleSupport
import Foundation

/// The end of the morning: a doctor sees each patient checked in and closes the visit, so the
/// next morning finds no visit of this one still open and the day's claims can be sent.
struct Closing: Sendable {
    let clinic: Clinic
    let seed: UInt64

    /// Common outpatient diagnoses: a cold, pharyngitis, bronchitis, hypertension, type 2
    /// diabetes, gastritis, gastroenteritis, back pain, a urinary infection, headache.
    static let diagnoses = ["J06.9", "J02.9", "J20.9", "I10", "E11.9", "K29.7", "A09", "M54.5", "N39.0", "R51"]

    /// Noon: every visit of the morning has ended by then.
    var closingTime: Date { VietnamTime.instant(clinic.day, hour: 12) }

    /// Closes the visits opened in the morning (`opened`, by arrival), each as a new version by
    /// the doctor; a visit changed meanwhile is read again and closed then.
    ///
    /// - Returns: how many visits were closed.
    func run(_ opened: [Tally.Opened]) async throws -> Int {
        let doctor = try Staff(commandLine: "Đỗ Minh Bác Sĩ|001080000010", role: .physician)
        let access = Access(by: doctor, purpose: "outpatient consultation")
        let codes = try Self.diagnoses.map { try ICD10Code($0) }
        clinic.clock.advance(to: closingTime)
        var closed = 0
        for visit in opened.sorted(by: { $0.arrival < $1.arrival }) {
            var random = SeededRandom(seed: seed ^ 0xD0C7_0000 ^ UInt64(visit.arrival))
            let diagnosis = codes[Int(random.next() % UInt64(codes.count))]
            let minutes = Double(10 + random.next() % 100)
            if try await close(visit.id, diagnosis: diagnosis, after: minutes * 60, access: access) { closed += 1 }
        }
        return closed
    }

    /// Closes one visit, retrying a version conflict with a fresh read; false when it is no
    /// longer open.
    private func close(
        _ id: VisitID,
        diagnosis: ICD10Code,
        after stay: TimeInterval,
        access: Access
    ) async throws
        -> Bool
    {
        var attempts = 0
        while true {
            guard var visit = try await clinic.store.visit(id, for: access), visit.status == .open else { return false }
            visit.status = .closed
            visit.dischargedAt = min(visit.admittedAt.addingTimeInterval(stay), closingTime)
            if visit.mainDiagnosis == nil { visit.diagnoses = [diagnosis] }
            var changes = ChangeSet(access)
            changes.save(visit)
            do {
                try await clinic.store.commit(changes)
                return true
            } catch let error as StoreError where error.code == .versionConflict && attempts < 5 {
                attempts += 1
            }
        }
    }
}
