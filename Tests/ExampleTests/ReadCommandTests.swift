import Foundation
import TestSupport
import Testing

/// Runs the built `reception` executable and compares what it prints, as a user would see it.
@Suite("reception read")
struct ReceptionExampleTests {
    func run(_ arguments: String...) throws -> BuiltExecutable.Result {
        try run(arguments)
    }

    @Test func qrAsJSON() throws {
        let result = try run(
            "read",
            "--qr",
            "001099012345||Nguyễn Văn A|01011999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|15042021",
            "--json"
        )
        #expect(result.status == 0)
        #expect(
            result.standardOutput == """
                {
                  "activeAuthentication" : null,
                  "address" : "Số 1 Phố Huế, Hai Bà Trưng, Hà Nội",
                  "chipAuthentication" : null,
                  "dateOfBirth" : "1999-01-01",
                  "documentNumber" : null,
                  "documentType" : "id-card",
                  "expiryDate" : null,
                  "fullName" : "Nguyễn Văn A",
                  "issueDate" : "2021-04-15",
                  "legacyID" : null,
                  "nationality" : null,
                  "personalID" : "001099012345",
                  "previousIDs" : [

                  ],
                  "sex" : "male",
                  "source" : "qr"
                }

                """
        )
    }

    @Test func mrzAsJSON() throws {
        let result = try run(
            "read",
            "--mrz",
            "IDVNM0990123459001099012345<<0",
            "9901018M3901016VNM<<<<<<<<<<<0",
            "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
            "--json"
        )
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["source"] as? String == "mrz")
        #expect(object?["documentNumber"] as? String == "099012345")
        #expect(object?["expiryDate"] as? String == "2039-01-01")
        #expect(object?["fullName"] as? String == "NGUYEN VAN A")
        #expect(object?["legacyID"] is NSNull)
    }

    @Test func simulatedChipAsJSON() throws {
        let result = try run("read", "--chip", "simulated", "--json")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["source"] as? String == "chip")
        #expect(object?["legacyID"] as? String == "012345678")
        let authentication = object?["passiveAuthentication"] as? [String: Bool]
        #expect(
            authentication == ["dataGroupHashesMatch": true, "signatureVerified": true, "chainsToTrustedCSCA": true]
        )
        #expect(object?["activeAuthentication"] as? String == "passed")
    }

    @Test func insuranceAsJSON() throws {
        let result = try run("read", "--insurance", "DN4010123456789", "--json")
        #expect(result.status == 0)
        #expect(
            result.standardOutput == """
                {
                  "benefitLevel" : 4,
                  "cardCode" : "DN4010123456789",
                  "group" : "DN",
                  "province" : "01",
                  "socialInsuranceNumber" : "0123456789"
                }

                """
        )
    }

    @Test func humanReadableQR() throws {
        let result = try run("read", "--qr", "001099012345|012345678|Nguyễn Văn A|01011999|Nam|Hà Nội|15042021")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Full name:       Nguyễn Văn A\n"))
        #expect(result.standardOutput.contains("Old ID (CMND):   012345678\n"))
    }

    @Test(arguments: [
        (["read", "--qr", "00109901234||Nguyễn Văn A|01011999|Nam|Hà Nội|15042021"], "qr.personalID"),
        (["read", "--qr", "001099012345||Nguyễn Văn A|01011999|Nữ|Hà Nội|15042021", "--json"], "qr.personalID"),
        (
            [
                "read", "--mrz", "IDVNM0990123458001099012345<<0", "9901018M3901016VNM<<<<<<<<<<<0",
                "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
            ], "mrz.documentNumber"
        ),
        (["read", "--insurance", "DN1010123456789", "--json"], "insuranceCardCode.benefitLevel"),
    ])
    func invalidInputExits65WithOneLineNamingTheField(arguments: [String], field: String) throws {
        let process = try run(arguments)
        #expect(process.status == 65)
        #expect(process.standardOutput.isEmpty)
        #expect(process.standardError.hasPrefix("error: \(field): "))
        #expect(process.standardError.filter { $0 == "\n" }.count == 1)
    }

    func run(_ arguments: [String]) throws -> BuiltExecutable.Result {
        try BuiltExecutable("reception").run(arguments, in: FileManager.default.temporaryDirectory)
    }
}
