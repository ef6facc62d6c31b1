import ChipCard
import ChipCardTesting
import ChipChart
import Foundation

extension SimulatedChip {
    /// The simulated chip behind a printed MRZ, opened with that MRZ: a passport's chip (DG1
    /// only, no DG13) for a passport's two TD3 lines, an ID card's chip for a card's three TD1
    /// lines — the sample card's data when the MRZ is the sample's, otherwise what the MRZ says.
    ///
    /// - Throws: `ValidationError` naming `mrz.personalID` (`missing`) for an ID card whose MRZ
    ///   does not carry the personal ID (the simulated card is a Vietnamese one), or a field of
    ///   an MRZ that does not read.
    init(printed mrz: MRZ, pki: SimulatedPKI) throws {
        let printed = try CardReading(mrz: mrz)
        if mrz.documentType == .passport {
            var passport = SimulatedPassport(
                documentNumber: mrz.documentNumber,
                issuingState: mrz.issuingState,
                nationality: mrz.nationality,
                surname: mrz.surname,
                givenNames: mrz.givenNames,
                dateOfBirth: mrz.dateOfBirth,
                sex: mrz.sex,
                expiryDate: mrz.dateOfExpiry,
                // The data page's card access number is not in the MRZ; the desk opens the chip
                // with the MRZ.
                cardAccessNumber: try CardAccessNumber("000000")
            )
            passport.personalNumber = mrz.optionalData1.trimmingCharacters(in: CharacterSet(charactersIn: "<"))
            try self.init(passport: passport, pki: pki)
            return
        }
        guard let personalID = printed.personalID else {
            throw ChipChart.ValidationError(
                field: "mrz.personalID",
                reason: .missing,
                message: "the simulated ID card is a Vietnamese one: its MRZ carries the personal ID"
            )
        }
        let sample = try SimulatedCard.sample
        let card =
            personalID == sample.personalID
            ? sample
            : SimulatedCard(
                personalID: personalID,
                fullName: printed.name.text,
                dateOfBirth: printed.dateOfBirth.date ?? sample.dateOfBirth,
                sex: printed.sex,
                issueDate: sample.issueDate,
                expiryDate: printed.expiryDate,
                address: "",
                placeOfOrigin: ""
            )
        try self.init(card: card, pki: pki)
    }
}
