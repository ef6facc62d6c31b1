import ChipChart
import Testing

@Suite("Legacy ID, passport, sex")
struct IdentityDocumentTests {
    @Test(arguments: ["012345678", "012345678901"])
    func legacyIDsHaveNineOrTwelveDigits(_ text: String) throws {
        #expect(try LegacyIDNumber(text).digits == text)
    }

    @Test(arguments: ["01234567", "0123456789", "01234567X"])
    func otherLegacyIDsAreRejected(_ text: String) {
        #expect(throws: ValidationError.self) { try LegacyIDNumber(text) }
    }

    @Test func passportNumbers() throws {
        let vietnamese = try PassportNumber("c1234567")
        #expect(vietnamese.value == "C1234567")
        #expect(vietnamese.isVietnameseFormat)
        #expect(try PassportNumber("X12345678").isVietnameseFormat == false)
        #expect(vietnamese.masked == "C*****67")
        #expect(throws: ValidationError.self) { try PassportNumber("C12-4567") }
        #expect(throws: ValidationError.self) { try PassportNumber("C1") }
    }

    @Test(arguments: [
        ("Nam", Sex.male), ("Nữ", .female), ("Nu\u{0303}", .female), ("NAM", .male), ("nữ", .female),
        ("Nu", .female), ("M", .male), ("F", .female),
    ])
    func sexIsReadFromCardWords(_ text: String, _ sex: Sex) throws {
        #expect(try Sex(parsing: text) == sex)
    }

    @Test func unknownSexWordIsRejected() {
        #expect {
            try Sex(parsing: "X")
        } throws: { ($0 as? ValidationError)?.field == "sex" }
        #expect(Sex.male.claimsCode == 1 && Sex.female.claimsCode == 2 && Sex.undetermined.claimsCode == 3)
    }
}
