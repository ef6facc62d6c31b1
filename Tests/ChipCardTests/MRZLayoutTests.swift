import ChipChart
import Testing

@testable import ChipCard

/// The ICAO Doc 9303 specimens and synthetic documents of every layout the MRZ parser knows.
@Suite("MRZ layouts")
struct MRZLayoutTests {
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

    /// Each document's MRZ and what it must parse to: type, issuing state, nationality, number,
    /// birth, expiry, sex, surname / given names, personal ID.
    static let cases: [(String, [String], String)] = [
        (
            "ICAO 9303-4 TD3 specimen", td3Specimen,
            "passport UTO UTO L898902C3 1974-08-12 2012-04-15 female ERIKSSON/ANNA MARIA -"
        ),
        (
            "ICAO 9303-5 TD1 specimen", MRZTests.specimen,
            "id-card UTO UTO D23145890 1974-08-12 2012-04-15 female ERIKSSON/ANNA MARIA -"
        ),
        ("foreign TD1", foreignCard, "id-card FRA FRA X4RTBPFW4 1990-01-01 2030-01-01 female MARTIN/CLAIRE -"),
        (
            "passport without a personal number",
            ["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F3106305<<<<<<<<<<<<<<<2"],
            "passport D<< D<< C01X00T47 1964-08-12 2031-06-30 female MUSTERMANN/ERIKA -"
        ),
        (
            "Vietnamese passport with the personal ID", vietnamesePassport,
            "passport VNM VNM C1234567 1999-01-01 2034-01-01 male NGUYEN/VAN A 001099012345"
        ),
        (
            "Vietnamese TD1", MRZTests.vietnamese,
            "id-card VNM VNM 099012345 1999-01-01 2039-01-01 male NGUYEN/VAN A 001099012345"
        ),
    ]

    @Test(arguments: cases)
    func parses(label: String, lines: [String], expected: String) throws {
        let mrz = try MRZ(lines: lines)
        let parsed = [
            mrz.documentType.rawValue, mrz.issuingState, mrz.nationality, mrz.documentNumber,
            mrz.dateOfBirth.description, mrz.dateOfExpiry.description, mrz.sex.rawValue,
            mrz.surname + "/" + mrz.givenNames, mrz.personalID?.digits ?? "-",
        ]
        #expect(parsed.joined(separator: " ") == expected, "\(label)")
    }

    @Test func theTD3SpecimenKeepsItsPersonalNumber() throws {
        let mrz = try MRZ(lines: Self.td3Specimen)
        #expect(mrz.documentCode == "P<")
        #expect(mrz.optionalData1 == "ZE184226B<<<<<")
        #expect(mrz.optionalData2.isEmpty)
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
