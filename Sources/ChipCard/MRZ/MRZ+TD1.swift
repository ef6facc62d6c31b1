internal import ChipChart

extension MRZ {
    /// Parses a TD1 (identity card, ICAO Doc 9303 part 5): document number (extended into the
    /// optional data when longer than 9 characters), birth and expiry dates, the Vietnamese
    /// personal ID in line 1 positions 16–27 with its check digit at 30 (cards issued by `VNM`),
    /// and the composite over line 1 positions 6–30 and line 2 positions 1–7, 9–15 and 19–29.
    static func parseTD1(_ lines: [[UInt8]]) throws(ValidationError) -> MRZ {
        let line1 = lines[0]
        let line2 = lines[1]
        let documentNumber: String
        // A document number longer than 9 characters continues in the optional data (`<` at 15).
        if line1[14] == 0x3C, let end = line1[15..<30].firstIndex(of: 0x3C), end > 15 {
            let full = text(line1, 5..<14) + text(line1, 15..<(end - 1))
            try verify(full, digit: line1[end - 1], field: "mrz.documentNumber")
            documentNumber = full
        } else {
            try check(line1, 5..<14, digitAt: 14, field: "mrz.documentNumber")
            documentNumber = stripFiller(text(line1, 5..<14))
        }
        try check(line2, 0..<6, digitAt: 6, field: "mrz.dateOfBirth")
        try check(line2, 8..<14, digitAt: 14, field: "mrz.dateOfExpiry")

        let personalID: PersonalID?
        if text(line1, 2..<5) == "VNM", line1[15..<27].allSatisfy({ (0x30...0x39).contains($0) }) {
            try check(line1, 15..<27, digitAt: 29, field: "mrz.personalID")
            personalID = try PersonalID(text(line1, 15..<27), field: "mrz.personalID")
        } else {
            personalID = nil
        }
        let composite = line1[5..<30] + line2[0..<7] + line2[8..<15] + line2[18..<29]
        try verify(String(decoding: composite, as: UTF8.self), digit: line2[29], field: "mrz.composite")
        return try MRZ(
            lines: lines,
            documentType: .idCard,
            documentNumber: documentNumber,
            birthDateText: text(line2, 0..<6),
            expiryDateText: text(line2, 8..<14),
            sexCharacter: text(line2, 7..<8),
            nationality: text(line2, 15..<18),
            optionalData: (text(line1, 15..<30), text(line2, 18..<29)),
            nameText: text(lines[2], 0..<30),
            personalID: personalID
        )
    }
}
