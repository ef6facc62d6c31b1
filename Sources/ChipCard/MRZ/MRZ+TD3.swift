internal import ChipChart

extension MRZ {
    /// Parses a TD3 (passport, ICAO Doc 9303 part 4): line 1 holds the document code (`P`),
    /// the issuing state and the name; line 2 the document number (1–9) and its check digit
    /// (10), the nationality (11–13), the birth date (14–19, check 20), the sex (21), the expiry
    /// date (22–27, check 28), the personal number (29–42, check 43, which may be `<` when the
    /// field is empty) and the composite (44) over positions 1–10, 14–20 and 22–43.
    ///
    /// A passport issued by `VNM` whose personal number is 12 digits and `<<` that make a valid
    /// ``ChipChart/PersonalID`` gives ``personalID``; any other personal number stays in
    /// ``optionalData1`` only.
    static func parseTD3(_ lines: [[UInt8]]) throws(ValidationError) -> MRZ {
        let line1 = lines[0]
        let line2 = lines[1]
        guard line1[0] == 0x50 else {
            throw ValidationError.invalidFormat(
                "mrz.documentCode",
                "a 2-line MRZ must be a passport's (document code P)"
            )
        }
        try check(line2, 0..<9, digitAt: 9, field: "mrz.documentNumber")
        try check(line2, 13..<19, digitAt: 19, field: "mrz.dateOfBirth")
        try check(line2, 21..<27, digitAt: 27, field: "mrz.dateOfExpiry")
        let personalNumber = line2[28..<42]
        let emptyPersonalNumber = personalNumber.allSatisfy { $0 == 0x3C }
        if !(emptyPersonalNumber && line2[42] == 0x3C) {
            try check(line2, 28..<42, digitAt: 42, field: "mrz.optionalData")
        }
        let composite = line2[0..<10] + line2[13..<20] + line2[21..<43]
        try verify(String(decoding: composite, as: UTF8.self), digit: line2[43], field: "mrz.composite")

        var personalID: PersonalID?
        if text(line1, 2..<5) == "VNM", personalNumber.prefix(12).allSatisfy({ (0x30...0x39).contains($0) }),
            personalNumber.suffix(2).allSatisfy({ $0 == 0x3C })
        {
            personalID = try? PersonalID(text(line2, 28..<40), field: "mrz.personalID")
        }
        return try MRZ(
            lines: lines,
            documentType: .passport,
            documentNumber: stripFiller(text(line2, 0..<9)),
            birthDateText: text(line2, 13..<19),
            expiryDateText: text(line2, 21..<27),
            sexCharacter: text(line2, 20..<21),
            nationality: text(line2, 10..<13),
            optionalData: (text(line2, 28..<42), ""),
            nameText: text(line1, 5..<44),
            personalID: personalID
        )
    }
}
