import Foundation
import TestSupport
import Testing

@Suite("reception check-in and patient, run as built")
struct ReceptionCommandTests {
    static let staff = "Trần Thị Lễ Tân|001185000001"
    static let qr = "001090012345|012345678|Nguyễn Văn A|01011990|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|15042021"
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/scenarios/card-replacement.json").path

    @Test func checkInPrintsAReceiptAndPatientShowsTheTimeline() async throws {
        let reception = try BuiltExecutable("reception")
        let folder = try makeTemporaryFolder()
        let checkIn = try await reception.runInBackground(
            ["check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal", Self.scenario],
            in: folder
        )
        #expect(checkIn.status == 0, "\(checkIn.standardError)")
        #expect(checkIn.standardOutput.hasPrefix("CHECKED IN"))
        #expect(checkIn.standardOutput.contains("new patient registered"))
        #expect(checkIn.standardOutput.contains("fund pays 80%"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("reception.sqlite").path))

        let again = try await reception.runInBackground(
            ["check-in", "--qr", Self.qr, "--staff", Self.staff, "--portal", Self.scenario, "--json"],
            in: folder
        )
        let receipt = try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any]
        #expect(receipt?["repeatScan"] as? Bool == true, "a second scan within minutes returns the open visit")
        #expect(receipt?["personalID"] as? String == "001090012345")

        let patient = try await reception.runInBackground(["patient", "001090012345", "--json"], in: folder)
        #expect(patient.status == 0, "\(patient.standardError)")
        let timeline = try JSONSerialization.jsonObject(with: Data(patient.standardOutput.utf8)) as? [String: Any]
        #expect(timeline?["personalID"] as? String == "001090012345")
        for key in ["identifiers", "cards", "coverages", "visits"] {
            #expect(timeline?[key] is [Any], "\(key) is an array")
        }
        #expect((timeline?["visits"] as? [Any])?.count == 1)
        #expect(
            (timeline?["identifiers"] as? [[String: Any]])?.contains { $0["kind"] as? String == "legacyID" } == true
        )
    }

    @Test func aChipCheckInCarriesTheVietnameseNameFromDG13() async throws {
        let reception = try BuiltExecutable("reception")
        let folder = try makeTemporaryFolder()
        let result = try await reception.runInBackground(
            [
                "check-in", "--db", "desk.sqlite", "--mrz", "IDVNM0990123459001099012345<<0",
                "9901018M3901016VNM<<<<<<<<<<<0", "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<", "--chip", "simulated",
                "--staff", Self.staff, "--json",
            ],
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        let receipt = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(receipt?["fullName"] as? String == "Nguyễn Văn A")
        #expect(receipt?["resultCode"] as? String == "050", "without a scenario the insurer knows no card")
    }

    @Test(arguments: [
        (["check-in", "--qr", "003090012345|x|y|01011990|Nam|z|15042021", "--staff", staff], "qr.personalID"),
        (["check-in", "--qr", qr, "--staff", "nobody"], "staff"),
        (["check-in", "--insurance", "DN1010123456789", "--staff", staff], "insurance.benefitLevel"),
        (["patient", "0010900123"], "personalID"),
    ])
    func invalidInputExits65NamingTheField(_ arguments: [String], _ field: String) async throws {
        let result = try await BuiltExecutable("reception").runInBackground(arguments, in: try makeTemporaryFolder())
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("error: \(field):"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test func anUnknownPatientExits66() async throws {
        let result = try await BuiltExecutable("reception").runInBackground(
            ["patient", "001099999999"],
            in: try makeTemporaryFolder()
        )
        #expect(result.status == 66)
    }
}
