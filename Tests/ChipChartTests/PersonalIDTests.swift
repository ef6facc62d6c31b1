import ChipChart
import Testing

@Suite("PersonalID")
struct PersonalIDTests {
    struct Valid: Sendable, CustomStringConvertible {
        let digits: String
        let birthYear: Int
        let sex: Sex
        let place: String
        var description: String { digits }
    }

    @Test(arguments: [
        Valid(digits: "001099012345", birthYear: 1999, sex: .male, place: "Hà Nội"),
        Valid(digits: "079301000123", birthYear: 2001, sex: .female, place: "TP Hồ Chí Minh"),
        Valid(digits: "096085999999", birthYear: 1985, sex: .male, place: "Cà Mau"),
        Valid(digits: "048120000001", birthYear: 1920, sex: .female, place: "Đà Nẵng"),
        Valid(digits: "001425000001", birthYear: 2125, sex: .male, place: "Hà Nội"),
        Valid(digits: "001999000001", birthYear: 2399, sex: .female, place: "Hà Nội"),
    ])
    func derivesBirthYearSexAndPlace(_ valid: Valid) throws {
        let id = try PersonalID(valid.digits)
        #expect(id.digits == valid.digits)
        #expect(id.birthYear == valid.birthYear)
        #expect(id.sex == valid.sex)
        guard case .province(let province) = id.birthRegistration else {
            Issue.record("expected a province")
            return
        }
        #expect(province.name == valid.place)
    }

    @Test(arguments: [101, 200, 295])
    func foreignCountryPrefixesAreAccepted(_ country: Int) throws {
        let id = try PersonalID("\(country)099012345")
        #expect(id.birthRegistration == .abroad(countryCode: country))
    }

    @Test(arguments: [
        ("003099012345", "unknownCode"),  // 003 is not one of the 63 province codes
        ("000099012345", "unknownCode"),
        ("100099012345", "unknownCode"),
        ("296099012345", "unknownCode"),
        ("00109901234", "wrongLength"),  // 11 digits
        ("0010990123456", "wrongLength"),
        ("00109901234A", "invalidCharacter"),
        ("００１０９９０１２３４", "wrongLength"),  // full-width digits are not ASCII
        ("", "missing"),
    ])
    func rejectsMalformedNumbers(_ text: String, _ reason: String) {
        #expect {
            try PersonalID(text)
        } throws: { error in
            let error = error as? ValidationError
            return error?.field == "personalID" && error?.reason.name == reason
        }
    }

    @Test func ignoresSurroundingWhitespaceOnly() throws {
        #expect(try PersonalID(" 001099012345\r\n").digits == "001099012345")
        #expect(throws: ValidationError.self) { try PersonalID("001 099012345") }
    }

    @Test func centuryDigitContradictingTheBirthYearIsRejected() throws {
        let id = try PersonalID("001099012345")  // G = 0: born 1900s, male
        #expect(throws: Never.self) { try id.checkConsistency(birthYear: 1999, sex: .male) }
        #expect {
            try id.checkConsistency(birthYear: 2099, sex: .male)
        } throws: { ($0 as? ValidationError)?.reason == .inconsistent }
        #expect {
            try id.checkConsistency(birthYear: 1999, sex: .female)
        } throws: { ($0 as? ValidationError)?.reason == .inconsistent }
    }

    @Test func interpolationAndLogsSeeOnlyTheMaskedForm() throws {
        let id = try PersonalID("001099012345")
        #expect(id.masked == "001*******45")
        #expect("\(id)" == "001*******45")
        #expect(!String(describing: id).contains("099012"))
        #expect(id.cardAccessNumber == "012345")
    }

    @Test func allSixtyThreeProvincesAreKnown() {
        #expect(Province.all.count == 63)
        #expect(Province.all.first?.name == "Hà Nội")
        #expect(Province.all.last?.description == "96 Cà Mau")
    }
}
