extension CardReading {
    /// The document number of a passport or a foreign identity card as the identifier it gives a
    /// patient (``PatientIdentifier/passport(_:)``); `nil` for the Vietnamese ID card, whose
    /// number is the ``personalID``, and for a number that is not 5–20 letters and digits.
    public var passportNumber: PassportNumber? {
        guard let documentNumber, documentType == .passport || !isVietnameseIDCard else { return nil }
        return try? PassportNumber(documentNumber.filter { $0 != " " }, field: "documentNumber")
    }

    /// True for the Vietnamese ID card: an identity card that is not known to be foreign.
    var isVietnameseIDCard: Bool {
        documentType == .idCard && (issuingState == nil || issuingState == "VNM")
    }

    /// Checks that a reading without a personal ID comes from a document that may lack one and
    /// still identifies its holder: a passport or a foreign identity card, with its issuing state
    /// and a document number usable as an identifier.
    ///
    /// - Throws: ``ValidationError``: `personalID` (`missing`) for the Vietnamese ID card,
    ///   `issuingState` (`missing`), `documentNumber` when it is absent or not 5–20 letters and
    ///   digits.
    public func checkDocumentWithoutPersonalID() throws(ValidationError) {
        guard !isVietnameseIDCard else {
            throw ValidationError.missing("personalID", "the MRZ holds no Vietnamese personal ID")
        }
        guard let issuingState, !issuingState.isEmpty else {
            throw ValidationError.missing("issuingState", "the issuing state is missing")
        }
        guard let documentNumber else {
            throw ValidationError.missing("documentNumber", "the document number is missing")
        }
        _ = try PassportNumber(documentNumber.filter { $0 != " " }, field: "documentNumber")
    }
}
