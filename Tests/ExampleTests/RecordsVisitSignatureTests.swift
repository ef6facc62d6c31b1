import ChipChart
import ChipChartSQLite
import ChipChartSignatures
import ChipChartTesting
import Foundation
import TestSupport
import Testing

/// `records visit` lists a visit's document signatures: which document, who signed (masked),
/// when, and whether each verifies.
@Suite("records visit with signed documents, run as built")
struct RecordsVisitSignatureTests {
    static let password = "test-only"
    static let staff = ["--staff", "Nguyễn Thị Kế Toán|001185000011"]

    /// A folder with `clinic.sqlite` holding a discharged stay whose discharge summary the doctor
    /// signed and the patient confirmed by their chip card, and `ca.pem` trusting the doctor's
    /// certificate; and the stay's key.
    static func signedStay() async throws -> (URL, String) {
        let folder = try makeTemporaryFolder()
        let store = try SQLiteStore(path: folder.appendingPathComponent("clinic.sqlite").path)
        let pki = try TestPKI()
        try Data(pki.authorityPEM).write(to: folder.appendingPathComponent("ca.pem"))
        let signer = XMLSigner(
            signer: try PKCS12Signer(
                pkcs12: pki.issue(.current("BS. Đỗ Minh Bác Sĩ"), password: password),
                password: password
            ),
            policy: CertificatePolicy(trusted: try Certificate.pem(pki.authorityPEM))
        )
        let charting = Charting(store: store, catalogue: try SampleCatalogue.load())
        let doctor = try ChartSamples.doctor()
        var stay = try await ChartSamples.chartedStay(in: store)
        stay = try await charting.sign(.dischargeSummary, of: stay, by: doctor, with: signer)
        stay = try await charting.confirm(
            .dischargeSummary,
            of: stay,
            confirmedBy: "chip card reading",
            takenBy: doctor
        )
        return (folder, stay.key)
    }

    @Test func theTextListsEachSignatureMaskedWithWhetherItVerifies() async throws {
        let (folder, key) = try await Self.signedStay()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trusted = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", key, "--trusted-pem", "ca.pem"] + Self.staff,
            in: folder
        )
        #expect(trusted.status == 0, "\(trusted.standardError)")
        let lines = trusted.standardOutput.split(separator: "\n").filter { $0.contains(" signature by ") }
        #expect(lines.count == 2, "\(trusted.standardOutput)")
        #expect(lines.first?.contains("discharge summary, digital signature of the clinician: valid") == true)
        #expect(lines.last?.contains("discharge summary, confirmed by the patient (chip card reading): valid") == true)
        #expect(!trusted.standardOutput.contains("001080000010"), "the signer is masked")

        // Without trusted CAs no certificate is trusted; the patient's confirmation still holds.
        let untrusted = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", key] + Self.staff,
            in: folder
        )
        #expect(untrusted.status == 0, "\(untrusted.standardError)")
        #expect(untrusted.standardOutput.contains("digital signature of the clinician: certificateProblem"))
    }

    @Test func theJSONCarriesTheChecksUnderSignatureChecks() async throws {
        let (folder, key) = try await Self.signedStay()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", key, "--trusted-pem", "ca.pem", "--json"] + Self.staff,
            in: folder
        )
        #expect(result.status == 0, "\(result.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect(object?["key"] as? String == key, "the visit as stored, as before")
        let checks = try #require(object?["signatureChecks"] as? [[String: Any]])
        #expect(checks.map { $0["document"] as? String } == ["discharge summary", "discharge summary"])
        #expect(checks.map { $0["signatory"] as? String } == ["clinician", "patient"])
        #expect(checks.map { $0["method"] as? String } == ["digitalSignature", "confirmation"])
        #expect(checks.map { $0["confirmedBy"] as? String } == [nil, "chip card reading"])
        #expect(checks.map { $0["status"] as? String } == ["valid", "valid"])
        #expect(checks.allSatisfy { ($0["signer"] as? String)?.contains("001080000010") == false })
        #expect(checks.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })

        let missing = try await RecordsCommandTests.records(
            ["visit", "--db", "clinic.sqlite", key, "--trusted-pem", "no-such.pem"] + Self.staff,
            in: folder
        )
        #expect(missing.status == 66)
        #expect(missing.standardError.hasPrefix("error: trusted-pem:"), "\(missing.standardError)")
    }
}
