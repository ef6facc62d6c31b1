import Foundation
import TestSupport
import Testing

/// `reception read --mrz` with a passport's two lines, a foreign identity card and the Vietnamese
/// card, and a check-in by passport.
@Suite("reception read: passports and foreign cards")
struct ReadDocumentCommandTests {
    static let passport = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]
    static let foreignCard = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]
    static let vietnameseCard = [
        "IDVNM0990123459001099012345<<0",
        "9901018M3901016VNM<<<<<<<<<<<0",
        "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
    ]

    func read(_ lines: [String]) throws -> (status: Int32, object: [String: Any]?) {
        let result = try BuiltExecutable("reception").run(
            ["read", "--mrz"] + lines + ["--json"],
            in: FileManager.default.temporaryDirectory
        )
        let object = try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        return (result.status, object)
    }

    @Test(arguments: [
        (passport, "passport", "UTO", "L898902C3", nil, "ERIKSSON ANNA MARIA"),
        (foreignCard, "id-card", "UTO", "D23145890", nil, "ERIKSSON ANNA MARIA"),
        (vietnameseCard, "id-card", "VNM", "099012345", "001099012345", "NGUYEN VAN A"),
    ])
    func readsTheDocument(
        lines: [String],
        documentType: String,
        nationality: String,
        number: String,
        personalID: String?,
        name: String
    ) throws {
        let (status, object) = try read(lines)
        #expect(status == 0)
        #expect(object?["documentType"] as? String == documentType)
        #expect(object?["nationality"] as? String == nationality)
        #expect(object?["documentNumber"] as? String == number)
        #expect(object?["personalID"] as? String == personalID)
        #expect(object?["fullName"] as? String == name)
        #expect(object?["source"] as? String == "mrz")
        #expect((object?["previousIDs"] as? [Any])?.isEmpty == true)
        #expect(object?["chipAuthentication"] is NSNull && object?["activeAuthentication"] is NSNull)
    }

    @Test func aChipReadingSaysWhatChipAndActiveAuthenticationFound() throws {
        let result = try BuiltExecutable("reception").run(
            ["read", "--chip", "simulated", "--json"],
            in: FileManager.default.temporaryDirectory
        )
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["chipAuthentication"] as? String == "passed")
        #expect(object?["activeAuthentication"] as? String == "passed")
        #expect(object?["documentType"] as? String == "id-card")
        #expect((object?["previousIDs"] as? [[String: String]])?.first == ["kind": "legacyID", "value": "012345678"])
    }

    @Test func aWrongCompositeDigitNamesTheField() throws {
        var lines = Self.passport
        lines[1] = String(lines[1].dropLast()) + "1"
        let result = try BuiltExecutable("reception").run(
            ["read", "--mrz"] + lines,
            in: FileManager.default.temporaryDirectory
        )
        #expect(result.status == 65)
        #expect(result.standardError.hasPrefix("error: mrz.composite: "))
    }

    @Test func aForeignerChecksInByPassportTwice() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments =
            ["check-in", "--db", "desk.sqlite", "--mrz"] + Self.passport
            + ["--staff", "Trần Thị Lễ Tân|001185000001", "--json"]
        let first = try await BuiltExecutable("reception").runInBackground(arguments, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let receipt = try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any]
        #expect(receipt?["match"] as? String == "registered")
        #expect(!(receipt?["personalID"] is String), "a foreigner has no personal ID")
        let second = try await BuiltExecutable("reception").runInBackground(arguments, in: folder)
        let again = try JSONSerialization.jsonObject(with: Data(second.standardOutput.utf8)) as? [String: Any]
        #expect(again?["match"] as? String == "passport")
        #expect(again?["patientID"] as? String == receipt?["patientID"] as? String)
    }
}
