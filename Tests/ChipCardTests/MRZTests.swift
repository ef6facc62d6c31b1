import ChipChart
import Testing

@testable import ChipCard

@Suite("MRZ")
struct MRZTests {
    static let vietnamese = [
        "IDVNM0990123459001099012345<<0",
        "9901018M3901016VNM<<<<<<<<<<<0",
        "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<",
    ]
    static let specimen = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ]

    @Test(arguments: [
        ("L898902C<", 3), ("690806", 1), ("940623", 6), ("D23145890734", 9), ("340712", 7), ("950712", 2),
    ])
    func checkDigit(text: String, digit: Int) {
        #expect(MRZCheckDigit.compute(text) == digit)
    }

    @Test func checkDigitRejectsOtherCharacters() {
        #expect(MRZCheckDigit.compute("ab") == nil)
    }

    @Test func vietnameseCard() throws {
        let mrz = try MRZ(lines: Self.vietnamese)
        #expect(mrz.documentCode == "ID")
        #expect(mrz.documentNumber == "099012345")
        #expect(mrz.personalID?.digits == "001099012345")
        #expect(mrz.dateOfBirth == (try CalendarDate(year: 1999, month: 1, day: 1)))
        #expect(mrz.dateOfExpiry == (try CalendarDate(year: 2039, month: 1, day: 1)))
        #expect(mrz.sex == .male)
        #expect(mrz.fullName == "NGUYEN VAN A")
        let reading = try CardReading(mrz: mrz)
        #expect(reading.source == .mrz)
        #expect(reading.documentNumber == "099012345")
        #expect(reading.name.text == "NGUYEN VAN A")
    }

    @Test func icaoSpecimen() throws {
        let mrz = try MRZ(lines: Self.specimen)
        #expect(mrz.documentNumber == "D23145890")
        #expect(mrz.issuingState == "UTO")
        #expect(mrz.personalID == nil)
        #expect(mrz.dateOfBirth == (try CalendarDate(year: 1974, month: 8, day: 12)))
        #expect(mrz.sex == .female)
        #expect(mrz.surname == "ERIKSSON")
        #expect(mrz.givenNames == "ANNA MARIA")
        let reading = try CardReading(mrz: mrz)
        #expect(reading.personalID == nil)
        #expect(reading.documentType == .idCard)
        #expect(reading.issuingState == "UTO")
        #expect(reading.nationality == "UTO")
        #expect(reading.passportNumber?.value == "D23145890")
    }

    @Test func aVietnameseCardWithoutThePersonalIDIsRefused() throws {
        let mrz = try MRZ(lines: [
            "IDVNMD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159VNM<<<<<<<<<<<6",
            "NGUYEN<<THI<B<<<<<<<<<<<<<<<<<",
        ])
        #expect(mrz.personalID == nil)
        let error = #expect(throws: ValidationError.self) { try CardReading(mrz: mrz) }
        #expect(error?.field == "mrz.personalID")
        #expect(error?.reason == .missing)
    }

    @Test func centuryComesFromThePersonalID() throws {
        // 2000s male (G = 2), born 2005-03-04.
        let id = "001205012345"
        let document = String(id.suffix(9))
        let line1Head = "IDVNM" + document + String(MRZCheckDigit.compute(document) ?? 0) + id + "<<"
        let line1 = line1Head + String(MRZCheckDigit.compute(id) ?? 0)
        let birth = "050304"
        let expiry = "300304"
        let composite =
            String(line1.dropFirst(5)) + birth + "\(MRZCheckDigit.compute(birth) ?? 0)" + expiry
            + "\(MRZCheckDigit.compute(expiry) ?? 0)" + String(repeating: "<", count: 11)
        let line2 =
            birth + "\(MRZCheckDigit.compute(birth) ?? 0)M" + expiry + "\(MRZCheckDigit.compute(expiry) ?? 0)VNM"
            + String(repeating: "<", count: 11) + "\(MRZCheckDigit.compute(composite) ?? 0)"
        let mrz = try MRZ(lines: [line1, line2, "TRAN<<BINH<<<<<<<<<<<<<<<<<<<<"])
        #expect(mrz.dateOfBirth.year == 2005)
    }

    @Test(arguments: [
        (vietnamese, 0, 14, "mrz.documentNumber"),  // document check digit
        (vietnamese, 0, 29, "mrz.personalID"),  // ID check digit
        (vietnamese, 1, 6, "mrz.dateOfBirth"),
        (vietnamese, 1, 14, "mrz.dateOfExpiry"),
        (vietnamese, 1, 29, "mrz.composite"),
        (MRZLayoutTests.td3Specimen, 1, 9, "mrz.documentNumber"),
        (MRZLayoutTests.td3Specimen, 1, 19, "mrz.dateOfBirth"),
        (MRZLayoutTests.td3Specimen, 1, 27, "mrz.dateOfExpiry"),
        (MRZLayoutTests.td3Specimen, 1, 42, "mrz.optionalData"),
        (MRZLayoutTests.td3Specimen, 1, 43, "mrz.composite"),
        (MRZLayoutTests.foreignCard, 0, 14, "mrz.documentNumber"),
        (MRZLayoutTests.foreignCard, 1, 6, "mrz.dateOfBirth"),
        (MRZLayoutTests.foreignCard, 1, 14, "mrz.dateOfExpiry"),
        (MRZLayoutTests.foreignCard, 1, 29, "mrz.composite"),
    ])
    func wrongCheckDigitNamesTheField(lines original: [String], line: Int, position: Int, field: String) {
        var lines = original
        var characters = Array(lines[line])
        characters[position] = characters[position] == "5" ? "6" : "5"
        lines[line] = String(characters)
        let error = #expect(throws: ValidationError.self) { try MRZ(lines: lines) }
        #expect(error?.field == field)
        #expect(error?.reason == .checkDigitMismatch)
    }

    @Test func wrongLengthAndCharacters() {
        var short = Self.vietnamese
        short[2] = "NGUYEN"
        #expect((#expect(throws: ValidationError.self) { try MRZ(lines: short) })?.field == "mrz.line3")
        var bad = Self.vietnamese
        bad[2] = "NGUYEN<<VAN<A<<<<<<<<<<<<<<<<!"
        #expect((#expect(throws: ValidationError.self) { try MRZ(lines: bad) })?.reason == .invalidCharacter)
        #expect((#expect(throws: ValidationError.self) { try MRZ(lines: ["a"]) })?.field == "mrz")
    }

    @Test func lowercaseAndSurroundingSpacesAreAccepted() throws {
        let mrz = try MRZ(lines: Self.vietnamese.map { "  " + $0.lowercased() + "\r\n" })
        #expect(mrz.personalID?.digits == "001099012345")
    }
}
