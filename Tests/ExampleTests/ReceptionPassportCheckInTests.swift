import ChipCard
import ChipCardTesting
import ChipChart
import Foundation
import TestSupport
import Testing

/// `reception check-in --mrz LINE1 LINE2 --chip simulated`: a passport's two TD3 lines open the
/// simulated passport chip as a card's three TD1 lines open the simulated card.
@Suite("reception check-in with a passport's MRZ and chip, run as built")
struct ReceptionPassportCheckInTests {
    /// A foreign passport without a personal ID, and a Vietnamese one carrying it as its
    /// personal number.
    static func passports() throws -> [(SimulatedPassport, String?)] {
        var foreign = SimulatedPassport(
            documentNumber: "TR0123456",
            issuingState: "JPN",
            nationality: "JPN",
            surname: "Tanaka",
            givenNames: "Hanako",
            dateOfBirth: try CalendarDate(year: 1985, month: 5, day: 20),
            sex: .female,
            expiryDate: try CalendarDate(year: 2034, month: 5, day: 19),
            cardAccessNumber: try CardAccessNumber("123456")
        )
        foreign.personalNumber = ""
        var vietnamese = SimulatedPassport(
            documentNumber: "C1234567",
            issuingState: "VNM",
            nationality: "VNM",
            surname: "Nguyen",
            givenNames: "Van A",
            dateOfBirth: try CalendarDate(year: 1999, month: 1, day: 1),
            sex: .male,
            expiryDate: try CalendarDate(year: 2034, month: 1, day: 1),
            cardAccessNumber: try CardAccessNumber("654321")
        )
        vietnamese.personalNumber = "001099012345"
        return [(foreign, nil), (vietnamese, "001099012345")]
    }

    @Test(arguments: [0, 1])
    func aPassportChecksInByItsChipAndIsFoundAgain(_ index: Int) async throws {
        let (passport, personalID) = try Self.passports()[index]
        let reception = try BuiltExecutable("reception")
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments =
            ["check-in", "--db", "desk.sqlite", "--mrz"] + passport.mrzLines
            + ["--chip", "simulated", "--staff", ReceptionCommandTests.staff, "--json"]

        let first = try await reception.runInBackground(arguments, in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let receipt = try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any]
        let name = (receipt?["fullName"] as? String)?.uppercased()
        #expect(name == "\(passport.surname) \(passport.givenNames)".uppercased(), "the chip's DG1 name")
        #expect(receipt?["personalID"] as? String == personalID)
        #expect(receipt?["repeatScan"] as? Bool == false)

        let again = try await reception.runInBackground(arguments, in: folder)
        #expect(again.status == 0, "\(again.standardError)")
        let second = try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any]
        #expect(second?["repeatScan"] as? Bool == true, "the same person, found by the passport")
        #expect(second?["visitKey"] as? String == receipt?["visitKey"] as? String)
    }
}
