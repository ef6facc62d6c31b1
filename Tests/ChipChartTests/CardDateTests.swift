import ChipChart
import Testing

/// The dates a card reading states, checked against each other, against the card's history and
/// against the calendar.
@Suite("Card dates")
struct CardDateTests {
    static func reading(
        id: String = "001099012345",
        born: String = "01011999",
        issued: String? = "15042021",
        expires: String? = nil,
        source: CardReading.Source = .qr
    ) throws -> CardReading {
        CardReading(
            source: source,
            personalID: try PersonalID(id),
            name: try PersonName("Nguyễn Văn A"),
            dateOfBirth: try DateOfBirth(parsing: born),
            sex: try PersonalID(id).sex,
            issueDate: try issued.map { try CalendarDate(parsing: $0) },
            expiryDate: try expires.map { try CalendarDate(parsing: $0) }
        )
    }

    /// An issue date no card with a 12-digit personal ID can have: the citizen identity card began
    /// on 01/01/2016, its chip version in 2021.
    @Test(arguments: [
        ("01011930", "15061955", CardReading.Source.qr),
        ("01011999", "31122015", .qr),
        ("01011999", "01011990", .mrz),
        ("01011999", "15062019", .chip),
    ])
    func anIssueDateBeforeTheCardExistedIsRejected(born: String, issued: String, source: CardReading.Source) throws {
        let century = born.hasSuffix("1930") ? "001030012345" : "001099012345"
        let reading = try Self.reading(id: century, born: born, issued: issued, source: source)
        #expect {
            try reading.validate()
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "issueDate" && error?.reason == .outOfRange
        }
    }

    @Test(arguments: ["01012016", "15042021", "01072024"])
    func anIssueDateSince2016IsAccepted(_ issued: String) throws {
        #expect(throws: Never.self) { try Self.reading(issued: issued).validate() }
    }

    @Test func anIssueDateBeforeBirthOrAnExpiryBeforeIssueIsRejected() throws {
        #expect {
            try Self.reading(id: "001220012345", born: "01012020", issued: "01012019").validate()
        } throws: { ($0 as? ValidationError)?.field == "issueDate" }
        #expect {
            try Self.reading(issued: "15042021", expires: "14042021").validate()
        } throws: { ($0 as? ValidationError)?.field == "expiryDate" }
    }
}

/// Free text a card states (address, the chip's texts) holds no control or format character.
@Suite("Card texts")
struct CardTextTests {
    @Test(arguments: [
        "Số 1 Phố Huế\u{1B}]0;pwned\u{07}", "Số 1\nPhố Huế", "Số 1 \u{202E}ếuH ốhP", "Hà Nội\u{200B}", "Hà\tNội",
    ])
    func anAddressWithControlOrFormatCharactersIsRejected(_ address: String) throws {
        var reading = try CardDateTests.reading()
        reading.address = address
        #expect {
            try reading.validate()
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "address" && error?.reason == .invalidCharacter
        }
        reading.address = nil
        reading.chipExtras = CardReading.ChipExtras(ethnicity: address)
        #expect {
            try reading.validate()
        } throws: { ($0 as? ValidationError)?.field == "chipExtras.ethnicity" }
    }
}
