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

    @Test func theMorningEndsWithEveryVisitExaminedAndTheDaysClaimsFile() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("clinic.sqlite").path
        let arguments = ["--population", "300", "--check-ins", "120", "--desks", "2", "--db", database, "--quiet"]
        let morning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
        #expect(morning.status == 0, "\(morning.standardError)")
        let opened = try #require(Self.number(after: "visits opened: ", in: morning.standardOutput))
        let closed = try #require(Self.number(after: "examinations: ", in: morning.standardOutput))
        let admitted = try #require(Self.number(after: "discharge), ", in: morning.standardOutput))
        #expect(closed + admitted == opened, "\(morning.standardOutput)")
        let written = try #require(Self.number(after: "claims: ", in: morning.standardOutput))
        #expect(
            Self.number(
                after: "visits claimed in \(folder.appendingPathComponent("clinic.xml").path), ",
                in: morning.standardOutput
            ) == admitted
        )
        let dayFile = try String(contentsOf: folder.appendingPathComponent("clinic.xml"), encoding: .utf8)
        #expect(dayFile.contains("<SOLUONGHOSO>\(written)</SOLUONGHOSO>"))

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
        var (claimed, selfPay) = (0, 0)
        for visit in try await Self.visits(in: store) where visit.status == .closed {
            #expect(!visit.chart.vitalSigns.isEmpty && visit.chart.discharge != nil && !visit.lineItems.isEmpty)
            guard let patient = try await store.patient(visit.patientID, for: access) else {
                Issue.record("visit \(visit.key): no patient")
                continue
            }
            let coverages = try await store.coverages(ofPatient: patient.id, for: access)
            let violations = try Claim(ClaimInput(patient: patient, visit: visit, coverages: coverages)).violations
            let allowed = visit.appliedCoverages.isEmpty ? cardFields : []
            let broken = violations.filter { !allowed.contains($0.field) }
            #expect(broken.isEmpty, "visit \(visit.key): \(broken.map(\.description))")
            if !visit.appliedCoverages.isEmpty { claimed += 1 } else { selfPay += 1 }
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
        #expect(claimed == written, "the file clinic-day wrote holds the same claims")
        if admitted > 0 {
            #expect(claims.standardOutput.contains("\(admitted) open visits pending"), "\(claims.standardOutput)")
        }

        // The health book takes every closed visit, self-pay ones too.
        let book = try await BuiltExecutable("records").runInBackground(
            [
                "claims", "--db", database, "--from", "2026-03-02", "--to", "2026-03-02", "--out", "book.xml",
                "--health-book", "--staff", "Nguyễn Thị Kế Toán|001185000011",
            ],
            in: folder
        )
        #expect(book.status == 0, "\(book.standardError)")
        #expect(book.standardOutput.contains("\(claimed + selfPay) claims written"), "\(book.standardOutput)")
        #expect(!book.standardOutput.contains("self-pay visits left out"))

        let nextMorning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
        #expect(nextMorning.status == 0, "\(nextMorning.standardError)")
        let visits = try await Self.visits(in: store)
        #expect(!visits.isEmpty)
        let admittedNext = try #require(Self.number(after: "discharge), ", in: nextMorning.standardOutput))
        let sentHome = try #require(Self.number(after: "ward round: ", in: nextMorning.standardOutput))
        let open = visits.filter { $0.status == .open }
        #expect(
            open.count == admitted + admittedNext - sentHome,
            "only the stays in a ward are left open after two mornings"
        )
        #expect(open.allSatisfy { $0.kind == .inpatient && $0.chart.admission != nil })
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

@Suite("records visit, run as built")
struct RecordsVisitCommandTests {
    @Test func aVisitOfTheClinicDayPrintsItsRecordAndAnUnknownKeyIs66() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = [
            "--population", "100", "--check-ins", "20", "--desks", "1", "--db", "clinic.sqlite", "--quiet",
        ]
        let morning = try await BuiltExecutable("clinic-day").runInBackground(arguments, in: folder)
        #expect(morning.status == 0, "\(morning.standardError)")
        let store = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
        let visits = try await ClinicDayCommandTests.visits(in: store)
        let closed = try #require(visits.first { $0.status == .closed && !$0.chart.results.isEmpty } ?? visits.first)
        let staff = ["--staff", "Nguyễn Thị Kế Toán|001185000011"]

        let text = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", closed.key] + staff,
            in: folder
        )
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.hasPrefix("visit \(closed.key): outpatient visit (01), closed, version"))
        for label in ["vital signs by", "complaint note by", "diagnosis by", "order by", "discharge by"] {
            #expect(text.standardOutput.contains(label), "\(label)")
        }
        #expect(!text.standardOutput.contains("001080000010"), "staff are masked")

        let json = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", closed.key, "--json"] + staff,
            in: folder
        )
        #expect(json.status == 0, "\(json.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(object?["key"] as? String == closed.key)
        let chart = object?["chart"] as? [String: Any]
        #expect((chart?["orders"] as? [Any])?.count == closed.lineItems.count)

        let missing = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", "01001-NO-SUCH"] + staff,
            in: folder
        )
        #expect(missing.status == 66)
        #expect(missing.standardError.contains("visitKey"))
    }
}
