import ChipChart
import Testing

@testable import ChipCard

/// The ICAO Doc 9303 specimens and synthetic documents of every layout the MRZ parser knows.
@Suite("MRZ layouts")
struct MRZLayoutTests {
    /// A document and what its MRZ must parse to.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let lines: [String]
        let documentType: CardReading.DocumentType
        let issuingState: String
        let nationality: String
        let documentNumber: String
        let birth: (Int, Int, Int)
        let expiry: (Int, Int, Int)
        let sex: Sex
        let surname: String
        let givenNames: String
        let personalID: String?

        var testDescription: String { label }
    }

    static let td3Specimen = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ]
    static let vietnamesePassport = [
        "P<VNMNGUYEN<<VAN<A<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "C1234567<0VNM9901018M3401011001099012345<<06",
    ]
    static let foreignCard = [
        "I<FRAX4RTBPFW46<<<<<<<<<<<<<<<",
        "9001011F3001019FRA<<<<<<<<<<<4",
        "MARTIN<<CLAIRE<<<<<<<<<<<<<<<<",
    ]

    static let cases: [Case] = [
        Case(
            label: "ICAO 9303-4 TD3 specimen",
            lines: td3Specimen,
            documentType: .passport,
            issuingState: "UTO",
            nationality: "UTO",
            documentNumber: "L898902C3",
            birth: (1974, 8, 12),
            expiry: (2012, 4, 15),
            sex: .female,
            surname: "ERIKSSON",
            givenNames: "ANNA MARIA",
            personalID: nil
        ),
        Case(
            label: "ICAO 9303-5 TD1 specimen",
            lines: MRZTests.specimen,
            documentType: .idCard,
            issuingState: "UTO",
            nationality: "UTO",
            documentNumber: "D23145890",
            birth: (1974, 8, 12),
            expiry: (2012, 4, 15),
            sex: .female,
            surname: "ERIKSSON",
            givenNames: "ANNA MARIA",
            personalID: nil
        ),
        Case(
            label: "foreign TD1",
            lines: foreignCard,
            documentType: .idCard,
            issuingState: "FRA",
            nationality: "FRA",
            documentNumber: "X4RTBPFW4",
            birth: (1990, 1, 1),
            expiry: (2030, 1, 1),
            sex: .female,
            surname: "MARTIN",
            givenNames: "CLAIRE",
            personalID: nil
        ),
        Case(
            label: "passport without a personal number",
            lines: ["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F3106305<<<<<<<<<<<<<<<2"],
            documentType: .passport,
            issuingState: "D<<",
            nationality: "D<<",
            documentNumber: "C01X00T47",
            birth: (1964, 8, 12),
            expiry: (2031, 6, 30),
            sex: .female,
            surname: "MUSTERMANN",
            givenNames: "ERIKA",
            personalID: nil
        ),
        Case(
            label: "Vietnamese passport with the personal ID",
            lines: vietnamesePassport,
            documentType: .passport,
            issuingState: "VNM",
            nationality: "VNM",
            documentNumber: "C1234567",
            birth: (1999, 1, 1),
            expiry: (2034, 1, 1),
            sex: .male,
            surname: "NGUYEN",
            givenNames: "VAN A",
            personalID: "001099012345"
        ),
        Case(
            label: "Vietnamese TD1",
            lines: MRZTests.vietnamese,
            documentType: .idCard,
            issuingState: "VNM",
            nationality: "VNM",
            documentNumber: "099012345",
            birth: (1999, 1, 1),
            expiry: (2039, 1, 1),
            sex: .male,
            surname: "NGUYEN",
            givenNames: "VAN A",
            personalID: "001099012345"
        ),
    ]

    @Test(arguments: cases)
    func parses(_ document: Case) throws {
        let mrz = try MRZ(lines: document.lines)
        #expect(mrz.documentType == document.documentType)
        #expect(mrz.issuingState == document.issuingState)
        #expect(mrz.nationality == document.nationality)
        #expect(mrz.documentNumber == document.documentNumber)
        let (year, month, day) = document.birth
        #expect(mrz.dateOfBirth == (try CalendarDate(year: year, month: month, day: day)))
        let (expiryYear, expiryMonth, expiryDay) = document.expiry
        #expect(mrz.dateOfExpiry == (try CalendarDate(year: expiryYear, month: expiryMonth, day: expiryDay)))
        #expect(mrz.sex == document.sex)
        #expect(mrz.surname == document.surname)
        #expect(mrz.givenNames == document.givenNames)
        #expect(mrz.personalID?.digits == document.personalID)
    }

    @Test func theTD3SpecimenKeepsItsPersonalNumber() throws {
        let mrz = try MRZ(lines: Self.td3Specimen)
        #expect(mrz.documentCode == "P<")
        #expect(mrz.optionalData1 == "ZE184226B<<<<<")
        #expect(mrz.optionalData2.isEmpty)
    }

    @Test(arguments: [
        (td3Specimen, 1, 9, "mrz.documentNumber"),
        (td3Specimen, 1, 19, "mrz.dateOfBirth"),
        (td3Specimen, 1, 27, "mrz.dateOfExpiry"),
        (td3Specimen, 1, 42, "mrz.optionalData"),
        (td3Specimen, 1, 43, "mrz.composite"),
        (foreignCard, 0, 14, "mrz.documentNumber"),
        (foreignCard, 1, 6, "mrz.dateOfBirth"),
        (foreignCard, 1, 14, "mrz.dateOfExpiry"),
        (foreignCard, 1, 29, "mrz.composite"),
    ])
    func oneWrongDigitNamesTheField(lines original: [String], line: Int, position: Int, field: String) {
        var lines = original
        var characters = Array(lines[line])
        characters[position] = characters[position] == "5" ? "6" : "5"
        lines[line] = String(characters)
        let error = #expect(throws: ValidationError.self) { try MRZ(lines: lines) }
        #expect(error?.field == field)
        #expect(error?.reason == .checkDigitMismatch)
    }

    @Test func aTwoLineMRZMustBeAPassport() {
        let visa = ["V" + Self.td3Specimen[0].dropFirst(), Self.td3Specimen[1]]
        #expect((#expect(throws: ValidationError.self) { try MRZ(lines: visa) })?.field == "mrz.documentCode")
        let short = [Self.td3Specimen[0], String(Self.td3Specimen[1].dropLast())]
        #expect((#expect(throws: ValidationError.self) { try MRZ(lines: short) })?.field == "mrz.line2")
    }

    @Test func aPassportsChipHoldsTheTD3InDG1() throws {
        let mrz = try MRZ(lines: Self.td3Specimen)
        let dg1 = try DataGroup1(bytes: DataGroup1.encode(mrz))
        #expect(dg1.mrz == mrz)
        #expect(dg1.mrz.documentType == .passport)
    }
}
