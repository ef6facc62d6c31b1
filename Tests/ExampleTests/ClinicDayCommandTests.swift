import ChipChart
import ChipChartClaims
import ChipChartSQLite
import Foundation
import TestSupport
import Testing

@Suite("clinic-day, run as built")
struct ClinicDayCommandTests {
    @Test func aSmallMorningEndsWithTheSummaryAndASecondRunContinuesTheClinic() async throws {
        let clinicDay = try BuiltExecutable("clinic-day")
        let folder = try makeTemporaryFolder()
        let arguments = ["--population", "300", "--check-ins", "120", "--desks", "2", "--quiet"]
        let first = try await clinicDay.runInBackground(arguments, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let summary = first.standardOutput
        #expect(summary.contains("Clinic day 02/03/2026"))
        #expect(summary.contains("check-ins: 120 by 2 desks"))
        #expect(summary.contains("210 already registered"))
        #expect(summary.contains("audit trail:") && summary.contains("intact"))
        #expect(summary.contains("re-verified afterwards"))

        let second = try await clinicDay.runInBackground(arguments, in: folder)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("Clinic day 03/03/2026"), "the next morning")
        #expect(second.standardOutput.contains("records continued from earlier days"))
        #expect(second.standardOutput.contains("0 newly registered"), "the same people are not registered twice")
    }

    @Test func theMorningEndsWithEveryVisitClosedAndTheDaysClaimsExport() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("clinic.sqlite").path
        let arguments = ["--population", "300", "--check-ins", "120", "--desks", "2", "--db", database, "--quiet"]
        let morning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
        #expect(morning.status == 0, "\(morning.standardError)")
        let opened = Self.number(after: "visits opened: ", in: morning.standardOutput)
        let closed = Self.number(after: "visits closed: ", in: morning.standardOutput)
        #expect(opened != nil && closed == opened, "\(morning.standardOutput)")

        // Every closed visit's claim meets the claims standard, except that a patient who paid
        // for the visit (no insurance card applied) has no card to claim on.
        let store = try SQLiteStore(path: database)
        let access = Access(
            by: Staff(
                name: try PersonName("Nguyễn Thị Kế Toán"),
                personalID: try PersonalID("001185000011"),
                role: .claimsOfficer
            ),
            purpose: "claims check"
        )
        let cardFields: Set<String> = ["MA_THE_BHYT", "MA_DKBD", "GT_THE_TU"]
        var claimed = 0
        for visit in try await Self.visits(in: store) {
            guard let patient = try await store.patient(visit.patientID, for: access) else {
                Issue.record("visit \(visit.key): no patient")
                continue
            }
            let coverages = try await store.coverages(ofPatient: patient.id, for: access)
            let violations = try Claim(ClaimInput(patient: patient, visit: visit, coverages: coverages)).violations
            let allowed = visit.appliedCoverages.isEmpty ? cardFields : []
            let broken = violations.filter { !allowed.contains($0.field) }
            #expect(broken.isEmpty, "visit \(visit.key): \(broken.map(\.description))")
            if violations.isEmpty { claimed += 1 }
        }
        #expect(claimed > 0)

        // The built command writes the day's claims; self-pay visits have nothing to claim.
        let claims = try await BuiltExecutable("records").runInBackground(
            [
                "claims", "--db", database, "--from", "2026-03-02", "--to", "2026-03-02", "--out", "claims.xml",
                "--staff", "Nguyễn Thị Kế Toán|001185000011",
            ],
            in: folder
        )
        #expect(claims.status == 0, "\(claims.standardError)")
        #expect(claims.standardOutput.contains("\(claimed) claims written"), "\(claims.standardOutput)")

        let nextMorning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
        #expect(nextMorning.status == 0, "\(nextMorning.standardError)")
        let visits = try await Self.visits(in: store)
        #expect(!visits.isEmpty)
        let open = visits.filter { $0.status == .open }.count
        #expect(open == 0, "\(open) of \(visits.count) visits left open after two mornings")
        for visit in visits where visit.status == .closed {
            #expect(visit.mainDiagnosis != nil && (visit.dischargedAt ?? .distantPast) > visit.admittedAt)
        }
    }

    /// Every visit in the file, read with the library.
    static func visits(in store: SQLiteStore) async throws -> [Visit] {
        var visits: [Visit] = []
        while true {
            let page = try await store.allVisits(after: visits.last?.id, limit: 500)
            visits += page
            if page.count < 500 { return visits }
        }
    }

    /// The number printed after `label`, without its thousands separators.
    static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber || $0 == "," }
        return Int(digits.replacingOccurrences(of: ",", with: ""))
    }

    @Test func badOptionsAreRefused() async throws {
        let result = try await BuiltExecutable("clinic-day").runInBackground(
            ["--desks", "0"],
            in: try makeTemporaryFolder()
        )
        #expect(result.status != 0)
        #expect(result.standardError.contains("--desks"))
    }
}
